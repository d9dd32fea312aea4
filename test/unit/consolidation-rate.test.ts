import { consolidationRate, schoolYearOf, cohortYearOfGraduates } from '../../subgraphs/education/src/domain/consolidation-rate';

describe('九年义务教育巩固率', () => {
  it('is graduates ÷ (cohort enrolment + transfers in − transfers out), in percent with two decimals', () => {
    expect(consolidationRate({ cohortEnrolment: 2150, transfersIn: 140, transfersOut: 60, graduates: 2228 })).toBe(99.91);
    expect(consolidationRate({ cohortEnrolment: 100, transfersIn: 0, transfersOut: 0, graduates: 97 })).toBe(97);
  });

  it('is capped at 100%', () => {
    expect(consolidationRate({ cohortEnrolment: 100, transfersIn: 0, transfersOut: 10, graduates: 95 })).toBe(100);
  });

  it('is undefined (null) without a cohort', () => {
    expect(consolidationRate({ cohortEnrolment: 0, transfersIn: 0, transfersOut: 0, graduates: 0 })).toBeNull();
  });

  it('refuses negative or fractional counts', () => {
    expect(() => consolidationRate({ cohortEnrolment: -1, transfersIn: 0, transfersOut: 0, graduates: 0 })).toThrow(RangeError);
    expect(() => consolidationRate({ cohortEnrolment: 1.5, transfersIn: 0, transfersOut: 0, graduates: 0 })).toThrow(RangeError);
  });

  it('takes the cohort that entered grade 1 nine years before graduation; school years start 1 September', () => {
    expect(cohortYearOfGraduates(2018)).toBe(2009);
    expect(schoolYearOf('2018-08-31')).toBe(2017);
    expect(schoolYearOf('2018-09-01')).toBe(2018);
  });
});
