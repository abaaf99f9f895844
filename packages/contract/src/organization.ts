/** The organization's allow list (issue 13), in the shape of a CLI configuration's `allow`. */
import { z } from 'zod';

export const AllowList = z
  .object({ allow: z.array(z.string()).describe('Phrases never flagged, matched like lexicon phrases (whole words, any case).') })
  .meta({ id: 'AllowList' });

/** The list after a configuration replaced it, and the settings of that file that were not used. */
export const AllowListImported = AllowList.extend({ ignored: z.array(z.string()) });

/** The list, and whether the one asking may change it. */
export const AllowListWithRight = AllowList.extend({ canChange: z.boolean().describe('Whether the one asking may change it (an admin).') });
