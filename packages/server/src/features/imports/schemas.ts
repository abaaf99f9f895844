/** The shapes of the imports routes: the contract's (@peerlens/contract), and the server's own. */
import { z } from 'zod';
export {
  ErrorReply,
  IMPORT_LIMIT,
  ImportCreated,
  ImportDeleted,
  ImportList,
  ImportState,
  ImportValues,
  MappingBody,
  Progress,
} from '@peerlens/contract';

/** An import's id in the path. */
export const Id = z.object({ id: z.string().min(1).max(100) });
