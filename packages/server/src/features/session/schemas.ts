/** The shapes of the session routes: the contract's (@peerlens/contract). */
export { SessionReply } from '@peerlens/contract';
