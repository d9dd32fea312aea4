import type { SubgraphContext } from '@kongchuo/shared/server';
import type { Loaders } from './loaders';

export type JointMeetingContext = SubgraphContext<Loaders>;
