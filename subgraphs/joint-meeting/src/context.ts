import type { SubgraphContext } from '@kongchuo/shared';
import type { Loaders } from './loaders';

export type JointMeetingContext = SubgraphContext<Loaders>;
