import type { Profile } from '../schema.ts';
import { blackpoolProfile } from './blackpool.ts';
import { englandProfile } from './england.ts';
import { hounslowProfile } from './hounslow.ts';
import { islingtonProfile } from './islington.ts';
import { lancashireProfile } from './lancashire.ts';

export { blackpoolProfile, englandProfile, hounslowProfile, islingtonProfile, lancashireProfile };

/** The profiles shipped with the workbench, in the order offered to an administrator. */
export const BUILT_IN_PROFILES: readonly Profile[] = [
  hounslowProfile,
  islingtonProfile,
  lancashireProfile,
  blackpoolProfile,
  englandProfile,
];
