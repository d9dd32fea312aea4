import { gql, ok, codeOf } from '../support/client';

const OVERVIEW = `query Overview($year: Int!) {
  districtOverview(year: $year) {
    year dropoutsFound returned stillOut consolidationRate consolidationTarget schoolsInterviewed
    consolidation { cohortYear cohortEnrolment transfersIn transfersOut graduates }
  }
}`;

describe('districtOverview reproduces the Liunan 2018 summary from records', () => {
  it('gives 75 found, 59 returned, 16 still out, 99.91% against a 97% target, 10 schools interviewed', async () => {
    const { districtOverview } = await ok<{ districtOverview: Record<string, unknown> }>(OVERVIEW, { year: 2018 });
    expect(districtOverview).toMatchObject({
      year: 2018, dropoutsFound: 75, returned: 59, stillOut: 16, consolidationRate: 99.91, consolidationTarget: 97, schoolsInterviewed: 10,
    });
  });

  it('shows the basis of the rate: the 2009 cohort', async () => {
    const { districtOverview } = await ok<{ districtOverview: { consolidation: Record<string, number> } }>(OVERVIEW, { year: 2018 });
    const c = districtOverview.consolidation;
    expect(c.cohortYear).toBe(2009);
    expect(Math.round((c.graduates / (c.cohortEnrolment + c.transfersIn - c.transfersOut)) * 10000) / 100).toBe(99.91);
  });

  it('is the same for every department (aggregates carry no personal data)', async () => {
    for (const as of ['police', 'civil-affairs', 'community', 'joint-meeting'] as const) {
      const { districtOverview } = await ok<{ districtOverview: { stillOut: number } }>(OVERVIEW, { year: 2018 }, { as });
      expect(districtOverview.stillOut).toBe(16);
    }
  });

  it('without a token: UNAUTHENTICATED and HTTP 401, no data', async () => {
    const r = await gql(OVERVIEW, { year: 2018 }, { as: null });
    expect(r.status).toBe(401);
    expect(codeOf(r).code).toBe('UNAUTHENTICATED');
    expect(r.data ?? null).toBeNull();
  });

  it('with a garbage or foreign token: UNAUTHENTICATED', async () => {
    for (const token of ['abc.def.ghi', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.']) {
      const r = await gql(OVERVIEW, { year: 2018 }, { token });
      expect(codeOf(r).code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses an absurd year with BAD_USER_INPUT naming it', async () => {
    const r = await gql(OVERVIEW, { year: 1800 });
    expect(codeOf(r)).toEqual({ code: 'BAD_USER_INPUT', field: 'year' });
  });
});
