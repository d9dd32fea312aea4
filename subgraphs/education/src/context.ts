import type { SubgraphContext } from '@kongchuo/shared/server';
import type { Loaders } from './loaders';

export type EducationContext = SubgraphContext<Loaders>;

/** The province the district is in (GB/T 2260, two digits): whose rules apply. */
export const provinceOf = (ctx: EducationContext) => ctx.districtCode.slice(0, 2);
