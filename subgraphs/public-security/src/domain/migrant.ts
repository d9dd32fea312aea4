/**
 * 进城务工人员随迁子女 (a migrant worker's child), by the national definition the education
 * statistics use (教育部《教育统计报表指标解释》, 基础教育: 随迁子女): a child whose 户籍 is registered
 * in another province, or in the countryside (乡村) of another county of this province, and who lives
 * with working parents here and attends school here. docs/rules.md#migrant-children.
 *
 * What the police hold answers it: the registration region (GB/T 2260) and whether the registered
 * address is urban or rural (城镇/乡村, by 国家统计局《统计用区划和城乡划分代码》: 城乡分类代码 1xx 城镇,
 * 2xx 乡村). Living here is the child's being at (or having left) a school of the district — the
 * Student the question is asked of; a residence permit is not part of the definition, so a family
 * without one is no less a migrant family, and a child registered in the city's other urban
 * districts is not one.
 */
export enum RegisteredAreaType {
  /** 城镇 (城乡分类代码 1xx) */
  URBAN = 'URBAN',
  /** 乡村 (城乡分类代码 2xx) */
  RURAL = 'RURAL',
}

export interface Registration {
  /** GB/T 2260 county-level code of the 户籍 */
  regionCode: string;
  /** urban or rural registered address; null when the registry does not say */
  areaType: RegisteredAreaType | null;
}

/** true / false by the definition; null when it turns on an urban–rural type the registry lacks. */
export function isMigrantChild(r: Registration, districtCode: string): boolean | null {
  if (r.regionCode === districtCode) return false;
  if (r.regionCode.slice(0, 2) !== districtCode.slice(0, 2)) return true;
  if (r.areaType === null) return null;
  return r.areaType === RegisteredAreaType.RURAL;
}

/**
 * The urban–rural type from a 统计用区划代码 城乡分类代码 (111, 112, 121, 122, 123 城镇; 210, 220 乡村),
 * as the importer reads it; null for anything else.
 */
export function areaTypeOfClassCode(code: string): RegisteredAreaType | null {
  if (/^1(1[12]|2[123])$/.test(code)) return RegisteredAreaType.URBAN;
  if (/^2[12]0$/.test(code)) return RegisteredAreaType.RURAL;
  return null;
}
