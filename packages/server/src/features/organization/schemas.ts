/** The shapes of the organization routes: the contract's (@peerlens/contract). */
export { AllowList, AllowListImported, AllowListWithRight, ErrorReply } from '@peerlens/contract';
