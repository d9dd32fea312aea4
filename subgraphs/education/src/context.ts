import type { SubgraphContext } from '@kongchuo/shared';
import type { Loaders } from './loaders';

export type EducationContext = SubgraphContext<Loaders>;
