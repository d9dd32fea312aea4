import type { SubgraphContext } from '@kongchuo/shared/server';
import type { Loaders } from './loaders';

export type CivilAffairsContext = SubgraphContext<Loaders>;
