/** The shapes of the documents routes: the contract's (@peerlens/contract). */
export { CreateDocumentBody, Document, DocumentId, DocumentList, ErrorReply, ReportQuery, UpdateDocumentBody } from '@peerlens/contract';
