/** The shapes of the reflections routes: the contract's (@peerlens/contract). */
export { ErrorReply, Month, PastMonth, Reflection, ReflectionList, ReflectionReply, ReflectionSaved } from '@peerlens/contract';
