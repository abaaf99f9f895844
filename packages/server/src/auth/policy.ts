/**
 * What a new password must be (issue 12): at least 12 characters and at most 200, not only
 * spaces, and not a common password. The common passwords are the list zxcvbn-ts ships
 * (`@zxcvbn-ts/language-common`, about 49,000 from public breach corpora, MIT), checked without
 * regard to case, also with digits and symbols stripped from its end ("Sunshine2024!") and
 * against runs of one short piece ("abcabcabcabc"). Signing in takes any stored password, so a
 * member whose password predates these rules can still sign in and change it.
 */
import {
  AcceptBody as AcceptBodyShape,
  Password as PasswordShape,
  PASSWORD_MAX,
  PASSWORD_MIN,
  PasswordChangeBody as PasswordChangeBodyShape,
  ResetBody as ResetBodyShape,
  SetupBody as SetupBodyShape,
} from '@peerlens/contract';
import { dictionary } from '@zxcvbn-ts/language-common';

export { PASSWORD_MAX, PASSWORD_MIN };

let common: ReadonlySet<string> | undefined;
/** The list, as a set, built on first use. */
export function commonPasswords(): ReadonlySet<string> {
  return (common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase())));
}

/** Why `password` is not allowed, in words for the person choosing it; undefined when it is. */
export function passwordProblem(password: string): string | undefined {
  if ([...password].length < PASSWORD_MIN) return `A password needs at least ${PASSWORD_MIN} characters.`;
  if (password.length > PASSWORD_MAX) return `A password can have at most ${PASSWORD_MAX} characters.`;
  if (password.trim() === '') return 'A password cannot be only spaces.';
  const lower = password.normalize('NFKC').trim().toLowerCase();
  const list = commonPasswords();
  const base = lower.replace(/[\d\W_]+$/u, '');
  if (list.has(lower) || (base.length >= 4 && list.has(base)) || list.has(lower.replace(/\s+/g, '')))
    return 'That password is on a list of common passwords that attackers try first. Choose another, e.g. a few unrelated words.';
  if (/^(.+?)\1+$/su.test(lower.replace(/\s+/g, '')))
    return 'That password repeats one piece over and over. Choose another, e.g. a few unrelated words.';
  return undefined;
}

/** A new password as the contract states it, with the check above: the bodies that take one validate with these. */
export const Password = PasswordShape.superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
}).describe(PasswordShape.description ?? '');
export const SetupBody = SetupBodyShape.extend({ password: Password });
export const AcceptBody = AcceptBodyShape.extend({ password: Password });
export const PasswordChangeBody = PasswordChangeBodyShape.extend({ newPassword: Password });
export const ResetBody = ResetBodyShape.extend({ password: Password });
