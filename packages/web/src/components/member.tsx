/** Who is signed in, for the team pages (learning, role design, training); the server enforces access, the pages only reflect it. */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, loadSession, type SessionInfo } from '../api.js';

export type Member = NonNullable<SessionInfo['user']>;

export type Loaded<T> =
  { readonly kind: 'loading' } | { readonly kind: 'error'; readonly message: string } | { readonly kind: 'ready'; readonly value: T };

export const errorText = (e: unknown): string => (e instanceof ApiError ? e.message : String(e));

export function useMember(): Loaded<Member | null> {
  const [state, setState] = useState<Loaded<Member | null>>({ kind: 'loading' });
  useEffect(() => {
    loadSession().then(
      (s) => setState({ kind: 'ready', value: s.user }),
      (e: unknown) => setState({ kind: 'error', message: errorText(e) }),
    );
  }, []);
  return state;
}

/** The page's heading and lede, then its body once the member is known (or a note asking them to sign in). */
export function MemberPage({
  title,
  lede,
  children,
}: {
  title: string;
  lede: ComponentChildren;
  children: (member: Member) => ComponentChildren;
}) {
  const member = useMember();
  return (
    <div class="team-page">
      <div class="page-head">
        <h1 id="page-title" tabIndex={-1}>
          {title}
        </h1>
        <p class="lede">{lede}</p>
      </div>
      {member.kind === 'loading' && (
        <p role="status" class="muted">
          Loading…
        </p>
      )}
      {member.kind === 'error' && (
        <p role="alert" class="error">
          {member.message}
        </p>
      )}
      {member.kind === 'ready' && member.value === null && (
        <p role="status" data-testid="sign-in-needed">
          This page belongs to the team workspace. Please sign in first.
        </p>
      )}
      {member.kind === 'ready' && member.value !== null && children(member.value)}
    </div>
  );
}

export const ROLE_TEXT: Readonly<Record<string, string>> = {
  peer: 'Peer specialist',
  supervisor: 'Supervisor',
  leader: 'Program leader',
  admin: 'Admin',
};
