/** The shapes of the demo routes: the contract's (@peerlens/contract). */
export { DemoRemoved, DemoWorkspace, ErrorReply } from '@peerlens/contract';
