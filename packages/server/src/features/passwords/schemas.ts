/** The shapes of the passwords routes: the contract's (@peerlens/contract), with the server's check of a new password. */
export { ErrorReply, IdParam, ResetLink, ResetPreview, SignedIn, TokenParam } from '@peerlens/contract';
export { PasswordChangeBody, ResetBody } from '../../auth/policy.js';
