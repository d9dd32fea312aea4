import { RegisteredAreaType as A, areaTypeOfClassCode, isMigrantChild } from '../../subgraphs/public-security/src/domain/migrant';

/** 进城务工人员随迁子女 as the education statistics define it, read from the police registry (docs/rules.md#migrant-children). */
describe('who is a migrant child (随迁子女)', () => {
  const LIUNAN = '450204';

  it.each([
    ['registered in Liunan', { regionCode: LIUNAN, areaType: A.URBAN }, false],
    ['registered in a Liunan village (a local child, whatever the address)', { regionCode: LIUNAN, areaType: A.RURAL }, false],
    ['registered in another province, urban', { regionCode: '522601', areaType: A.URBAN }, true],
    ['registered in another province, type unknown', { regionCode: '431121', areaType: null }, true],
    ['registered in the countryside of another Guangxi county', { regionCode: '451302', areaType: A.RURAL }, true],
    ['registered in the countryside of another district of the city (柳江区)', { regionCode: '450206', areaType: A.RURAL }, true],
    ['registered in an urban street of the city\'s other districts (鱼峰区)', { regionCode: '450203', areaType: A.URBAN }, false],
  ])('%s → %p', (_label, registration, expected) => {
    expect(isMigrantChild(registration, LIUNAN)).toBe(expected);
  });

  it('does not guess when another county of the province is registered without an urban–rural type', () => {
    expect(isMigrantChild({ regionCode: '450203', areaType: null }, LIUNAN)).toBeNull();
  });

  it('reads the urban–rural type from the statistics classification code (城乡分类代码)', () => {
    for (const c of ['111', '112', '121', '122', '123']) expect(areaTypeOfClassCode(c)).toBe(A.URBAN);
    for (const c of ['210', '220']) expect(areaTypeOfClassCode(c)).toBe(A.RURAL);
    for (const c of ['100', '200', '230', '1', '城镇', '']) expect(areaTypeOfClassCode(c)).toBeNull();
  });
});
