/** The shapes of the auth routes: the contract's (@peerlens/contract), with the server's check of a new password. */
export { ErrorReply, InvitationPreview, LoginBody, SignedIn, TokenParam } from '@peerlens/contract';
export { AcceptBody, SetupBody } from '../../auth/policy.js';
