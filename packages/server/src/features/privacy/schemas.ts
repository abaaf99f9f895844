/** The shapes of the privacy routes: the contract's (@peerlens/contract). */
export { AuditPage, AuditQuery, DeletedData, ErrorReply, IdParam, Settings } from '@peerlens/contract';
