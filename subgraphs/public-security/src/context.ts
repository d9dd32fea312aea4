import type { SubgraphContext } from '@kongchuo/shared';
import type { Loaders } from './loaders';

export type PublicSecurityContext = SubgraphContext<Loaders>;
