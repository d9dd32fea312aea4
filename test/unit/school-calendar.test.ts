import {
  dayKind, derivedTerms, expandMonthDayTerms, holidayArrangementYears, isSchoolDay, schoolDaysOfWeek, springFestival, workingDay,
} from '../../subgraphs/education/src/domain/school-calendar';

/** The school calendar absences are read against (docs/rules.md#school-calendar). */
describe('school calendar (校历)', () => {
  const TERMS_2018 = [{ start: '2018-02-26', end: '2018-07-06' }, { start: '2018-09-01', end: '2019-01-18' }];

  it('knows the State Council\'s arrangements from the chinese-days data, through 2026 at least', () => {
    expect(holidayArrangementYears().first).toBeLessThanOrEqual(2018);
    expect(holidayArrangementYears().last).toBeGreaterThanOrEqual(2026);
  });

  it('has no school on Saturdays and Sundays, nor on public holidays, but on make-up working days (调休)', () => {
    expect(dayKind('2018-12-08', TERMS_2018)).toEqual({ schoolDay: false, why: 'WEEKEND' });
    expect(dayKind('2018-10-02', TERMS_2018)).toEqual({ schoolDay: false, why: 'HOLIDAY', name: '国庆节' });
    expect(dayKind('2018-09-24', TERMS_2018)).toEqual({ schoolDay: false, why: 'HOLIDAY', name: '中秋' });
    expect(isSchoolDay('2018-09-29', TERMS_2018)).toBe(true); // Saturday worked for National Day
    expect(isSchoolDay('2018-12-10', TERMS_2018)).toBe(true);
  });

  it('keeps Spring Festival days out even inside a term', () => {
    const term = [{ start: '2018-02-01', end: '2018-03-31' }];
    expect(dayKind('2018-02-16', term)).toEqual({ schoolDay: false, why: 'HOLIDAY', name: '春节' });
    expect(dayKind('2018-08-10', term)).toEqual({ schoolDay: false, why: 'OUT_OF_TERM' });
  });

  it('falls back to the statutory days (全国年节及纪念日放假办法) for a year the data does not hold yet', () => {
    const year = holidayArrangementYears().last + 1;
    const sf = springFestival(year);
    expect(workingDay(`${year}-10-01`)).toEqual({ work: false, holiday: '国庆节' });
    expect(workingDay(`${year}-10-03`).work).toBe(false);
    expect(workingDay(`${year}-05-02`)).toEqual({ work: false, holiday: '劳动节' });
    expect(workingDay(sf)).toEqual({ work: false, holiday: '春节' });
    expect(workingDay(`${year}-01-01`)).toEqual({ work: false, holiday: '元旦' });
  });

  it('counts the school days of a week', () => {
    expect(schoolDaysOfWeek('2018-12-10', TERMS_2018)).toHaveLength(5);
    expect(schoolDaysOfWeek('2018-10-01', TERMS_2018)).toHaveLength(0); // National Day week
    expect(schoolDaysOfWeek('2018-09-24', TERMS_2018)).toEqual(['2018-09-25', '2018-09-26', '2018-09-27', '2018-09-28', '2018-09-29', '2018-09-30']);
  });

  it('derives a stand-in calendar from the Spring Festival until the province enters its own', () => {
    expect(springFestival(2019)).toBe('2019-02-05');
    expect(derivedTerms(2018, 2018)).toEqual([{ start: '2018-09-01', end: '2019-01-21' }, { start: '2019-02-19', end: '2019-07-10' }]);
  });

  it('keeps the meaning of terms stored as month–day pairs', () => {
    const expanded = expandMonthDayTerms([{ start: '09-01', end: '01-31' }, { start: '02-15', end: '07-15' }], 2019);
    expect(expanded).toContainEqual({ start: '2018-09-01', end: '2019-01-31' });
    expect(expanded).toContainEqual({ start: '2019-02-15', end: '2019-07-15' });
    expect(expandMonthDayTerms(TERMS_2018, 2040)).toEqual(TERMS_2018);
  });
});
