/** The shapes of the extract routes: the contract's (@peerlens/contract). */
export { ErrorReply, ExtractReply } from '@peerlens/contract';
