import type { SubgraphContext } from '@kongchuo/shared/server';
import type { Loaders } from './loaders';

export type PublicSecurityContext = SubgraphContext<Loaders>;
