/** The shapes of the drift routes: the contract's (@peerlens/contract). */
export { DemoLogins, DriftReply, DriftScope, ErrorReply, RangeQuery, RosterReply } from '@peerlens/contract';
