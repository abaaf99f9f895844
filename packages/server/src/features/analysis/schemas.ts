/** The shapes of the analysis routes: the contract's (@peerlens/contract). */
export { AnalyzeBody, AnalyzeReply, ErrorReply, Health } from '@peerlens/contract';
