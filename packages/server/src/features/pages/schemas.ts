/** The shapes of the pages routes: the contract's (@peerlens/contract). */
export { PAGE_PATHS } from '@peerlens/contract';
