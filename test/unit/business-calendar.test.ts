import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendars as catalogCalendars } from '../../catalog/calendars';
import type { Calendar } from '../../functions/domain/catalog/schema';
import { calendarSchema } from '../../functions/domain/catalog/schema';
import type { Pause } from '../../functions/domain/sla/business-calendar';
import { BusinessCalendar } from '../../functions/domain/sla/business-calendar';

const HOUR = 3_600_000;

function calendar(overrides: Partial<Calendar> = {}): Calendar {
  return {
    id: 'moscow-office',
    name: { en: 'Moscow office', ru: 'Офис в Москве' },
    timeZone: 'Europe/Moscow',
    workdayStart: '09:00',
    workdayEnd: '18:00',
    workdays: [1, 2, 3, 4, 5],
    holidays: { country: 'RU' },
    overrides: [],
    breaks: [],
    ...overrides,
  };
}

const moscow = new BusinessCalendar(calendar());
const london = new BusinessCalendar(
  calendar({
    id: 'london-office',
    timeZone: 'Europe/London',
    workdayStart: '09:00',
    workdayEnd: '17:30',
    holidays: { country: 'GB' },
  }),
);

/** 09:00-18:00 with lunch 13:00-14:00: two periods, 8 business hours a day. */
const lunch = new BusinessCalendar(calendar({ id: 'moscow-lunch', breaks: [{ start: '13:00', end: '14:00' }] }));

/** Moscow is UTC+3 all year. */
const msk = (date: string, time: string): Date => new Date(`${date}T${time}:00+03:00`);
const utc = (date: string, time: string): Date => new Date(`${date}T${time}:00Z`);

describe('BusinessCalendar.isWorkingDay', () => {
  it('should treat configured weekdays as working and weekends as not', () => {
    expect(moscow.isWorkingDay('2026-04-07')).toBe(true); // Tuesday
    expect(moscow.isWorkingDay('2026-04-11')).toBe(false); // Saturday
    expect(moscow.isWorkingDay('2026-04-12')).toBe(false); // Sunday
  });

  it('should treat RU public holidays from date-holidays as days off', () => {
    expect(moscow.isWorkingDay('2026-01-05')).toBe(false); // New Year holidays ('01-02 P5D' spans Jan 2-6)
    expect(moscow.isWorkingDay('2026-01-08')).toBe(false);
    expect(moscow.isWorkingDay('2026-02-23')).toBe(false);
    expect(moscow.isWorkingDay('2026-03-09')).toBe(false); // Mar 8 is a Sunday, moved to Monday by law
    expect(moscow.isWorkingDay('2026-11-04')).toBe(false);
  });

  it('should count only public holidays, not bank holidays or observances', () => {
    const sevenDays = new BusinessCalendar(calendar({ workdays: [1, 2, 3, 4, 5, 6, 7], holidays: { country: 'GB' } }));
    expect(sevenDays.isWorkingDay('2026-03-15')).toBe(true); // Mother's Day, an observance
    expect(sevenDays.isWorkingDay('2026-04-05')).toBe(true); // Easter Sunday, an observance in GB
    expect(sevenDays.isWorkingDay('2026-04-03')).toBe(false); // Good Friday, public
  });

  it('should let overrides win over weekdays and holidays', () => {
    const withOverrides = new BusinessCalendar(
      calendar({
        overrides: [
          { date: '2025-11-01', working: true }, // a transferred working Saturday
          { date: '2026-01-05', working: true }, // company works through a public holiday
          { date: '2026-04-07', working: false }, // company day off on a Tuesday
        ],
      }),
    );
    expect(withOverrides.isWorkingDay('2025-11-01')).toBe(true);
    expect(withOverrides.isWorkingDay('2026-01-05')).toBe(true);
    expect(withOverrides.isWorkingDay('2026-04-07')).toBe(false);
  });

  it('should reject a malformed date', () => {
    expect(() => moscow.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => moscow.isWorkingDay('26-1-1')).toThrow(RangeError);
  });
});

describe('BusinessCalendar.addBusinessHours', () => {
  it('should make Friday 17:00 + 8h due Monday 17:00 on a 10:00-18:00 day', () => {
    const eightHourDay = new BusinessCalendar(calendar({ workdayStart: '10:00' }));
    // 1h on Friday (17-18), 7h on Monday from 10:00.
    expect(eightHourDay.addBusinessHours(msk('2026-04-10', '17:00'), 8)).toEqual(msk('2026-04-13', '17:00'));
  });

  it('should make Friday 17:00 + 8h due Monday 16:00 on a 09:00-18:00 day', () => {
    // 1h on Friday (17-18), 7h on Monday from 09:00.
    expect(moscow.addBusinessHours(msk('2026-04-10', '17:00'), 8)).toEqual(msk('2026-04-13', '16:00'));
  });

  it('should skip the RU New Year holidays when submitted on New Year eve', () => {
    // date-holidays 3.37 marks 2027-01-01..08 as public holidays (Jan 9-10 is a weekend), so work
    // resumes Monday Jan 11. It knows no government transfer decrees after 2022: if a decree makes
    // Dec 31 a day off, the catalog must say so with an override (next test).
    expect(moscow.addBusinessHours(msk('2026-12-31', '17:00'), 8)).toEqual(msk('2027-01-11', '16:00'));
  });

  it('should start counting after the holidays when New Year eve is overridden as a day off', () => {
    const decree = new BusinessCalendar(calendar({ overrides: [{ date: '2026-12-31', working: false }] }));
    expect(decree.addBusinessHours(msk('2026-12-31', '17:00'), 8)).toEqual(msk('2027-01-11', '17:00'));
  });

  it('should count an override working Saturday and skip an override day off', () => {
    // RU 2025: Saturday Nov 1 worked in exchange for Monday Nov 3 off; date-holidays knows neither.
    const start = msk('2025-10-31', '17:00');
    expect(moscow.addBusinessHours(start, 8)).toEqual(msk('2025-11-03', '16:00'));
    const transferred = new BusinessCalendar(
      calendar({
        overrides: [
          { date: '2025-11-01', working: true },
          { date: '2025-11-03', working: false },
        ],
      }),
    );
    expect(transferred.addBusinessHours(start, 8)).toEqual(msk('2025-11-01', '16:00'));
    // 1h Fri + 9h Sat + 7h: Mon Nov 3 is off, Tue Nov 4 is Unity Day, so Wednesday.
    expect(transferred.addBusinessHours(start, 17)).toEqual(msk('2025-11-05', '16:00'));
  });

  it('should start counting at the next working period when starting outside working time', () => {
    expect(moscow.addBusinessHours(msk('2026-04-11', '11:00'), 2)).toEqual(msk('2026-04-13', '11:00')); // Saturday
    expect(moscow.addBusinessHours(msk('2026-04-07', '07:00'), 2)).toEqual(msk('2026-04-07', '11:00')); // early
    expect(moscow.addBusinessHours(msk('2026-04-07', '20:00'), 2)).toEqual(msk('2026-04-08', '11:00')); // late
  });

  it('should land on the end of a period rather than the next morning when hours fill it exactly', () => {
    expect(moscow.addBusinessHours(msk('2026-04-10', '09:00'), 9)).toEqual(msk('2026-04-10', '18:00'));
  });

  it('should return the next period start for zero hours outside working time and the start itself inside', () => {
    expect(moscow.addBusinessHours(msk('2026-04-10', '18:00'), 0)).toEqual(msk('2026-04-13', '09:00'));
    expect(moscow.addBusinessHours(msk('2026-04-10', '12:34'), 0)).toEqual(msk('2026-04-10', '12:34'));
  });

  it('should be exact to the millisecond for fractional hours', () => {
    expect(moscow.addBusinessHours(msk('2026-04-10', '17:59'), 0.5)).toEqual(msk('2026-04-13', '09:29'));
    expect(moscow.addBusinessHours(msk('2026-04-07', '09:00'), 1 / 3_600_000).getTime()).toBe(
      msk('2026-04-07', '09:00').getTime() + 1,
    );
  });

  it('should add 2000 business hours by walking days, agreeing with businessHoursBetween', () => {
    const start = msk('2026-04-07', '10:15');
    const due = moscow.addBusinessHours(start, 2000);
    expect(due.getTime()).toBeGreaterThan(msk('2027-01-01', '00:00').getTime());
    expect(moscow.businessHoursBetween(start, due)).toBeCloseTo(2000, 9);
  });

  it('should reject negative or non-finite hours', () => {
    expect(() => moscow.addBusinessHours(msk('2026-04-07', '10:00'), -1)).toThrow(RangeError);
    expect(() => moscow.addBusinessHours(msk('2026-04-07', '10:00'), Number.NaN)).toThrow(RangeError);
    expect(() => moscow.addBusinessHours(new Date(Number.NaN), 1)).toThrow(RangeError);
  });
});

describe('BusinessCalendar across DST (Europe/London)', () => {
  it('should cross the spring-forward weekend: Friday 16:00 GMT + 4h is Monday 11:30 BST', () => {
    const start = utc('2026-03-27', '16:00'); // 16:00 GMT
    const due = london.addBusinessHours(start, 4); // 1.5h Friday, 2.5h Monday from 09:00 BST
    expect(due).toEqual(utc('2026-03-30', '10:30')); // 11:30 BST
    expect(london.businessHoursBetween(start, due)).toBe(4);
  });

  it('should cross the fall-back weekend: Friday 16:00 BST + 4h is Monday 11:30 GMT', () => {
    const start = utc('2026-10-23', '15:00'); // 16:00 BST
    const due = london.addBusinessHours(start, 4);
    expect(due).toEqual(utc('2026-10-26', '11:30')); // 11:30 GMT
    expect(london.businessHoursBetween(start, due)).toBe(4);
  });

  it('should measure real elapsed time on the switch days themselves', () => {
    const sundays = new BusinessCalendar(
      calendar({ timeZone: 'Europe/London', workdayStart: '00:00', workdayEnd: '23:00', workdays: [7] }),
    );
    // 00:00 GMT to 23:00 BST is 22 real hours; 00:00 BST to 23:00 GMT is 24.
    expect(sundays.businessHoursBetween(utc('2026-03-28', '00:00'), utc('2026-03-30', '00:00'))).toBe(22);
    expect(sundays.businessHoursBetween(utc('2026-10-24', '00:00'), utc('2026-10-26', '00:00'))).toBe(24);
  });

  it('should resolve a workday start inside the DST gap to after the jump and a repeated time to its first occurrence', () => {
    const night = new BusinessCalendar(
      calendar({ timeZone: 'Europe/London', workdayStart: '01:30', workdayEnd: '03:00', workdays: [7] }),
    );
    // Spring: 01:30 does not exist, so the period is 02:30-03:00 BST.
    expect(night.addBusinessHours(utc('2026-03-29', '00:00'), 0)).toEqual(utc('2026-03-29', '01:30'));
    expect(night.businessHoursBetween(utc('2026-03-29', '00:00'), utc('2026-03-29', '06:00'))).toBe(0.5);
    // Autumn: 01:30 happens twice; the period runs from the first (BST, 00:30Z) to 03:00 GMT.
    expect(night.businessHoursBetween(utc('2026-10-25', '00:00'), utc('2026-10-25', '06:00'))).toBe(2.5);
  });
});

describe('BusinessCalendar.businessHoursBetween', () => {
  it('should count only weekday hours over a weekend', () => {
    // Friday 12:00-18:00 (6h) + Monday 09:00-12:00 (3h).
    expect(moscow.businessHoursBetween(msk('2026-04-10', '12:00'), msk('2026-04-13', '12:00'))).toBe(9);
    expect(moscow.businessHoursBetween(msk('2026-04-11', '00:00'), msk('2026-04-13', '00:00'))).toBe(0);
  });

  it('should be zero when to is not after from', () => {
    expect(moscow.businessHoursBetween(msk('2026-04-10', '12:00'), msk('2026-04-10', '11:00'))).toBe(0);
  });

  it('should be exact to the millisecond', () => {
    const from = msk('2026-04-07', '10:00');
    expect(moscow.businessHoursBetween(from, new Date(from.getTime() + 1))).toBe(1 / HOUR);
  });
});

describe('BusinessCalendar.isWorkingTime', () => {
  it('should treat a period as [start, end)', () => {
    expect(moscow.isWorkingTime(msk('2026-04-07', '09:00'))).toBe(true);
    expect(moscow.isWorkingTime(msk('2026-04-07', '17:59'))).toBe(true);
    expect(moscow.isWorkingTime(msk('2026-04-07', '18:00'))).toBe(false);
    expect(moscow.isWorkingTime(msk('2026-04-11', '12:00'))).toBe(false);
  });
});

describe('BusinessCalendar.dueAt with pauses', () => {
  const start = msk('2026-04-06', '10:00'); // Monday
  const unpaused = msk('2026-04-07', '17:00'); // 8h Monday + 8h Tuesday

  it('should equal addBusinessHours without pauses', () => {
    expect(moscow.dueAt(start, 16, [])).toEqual(unpaused);
    expect(moscow.addBusinessHours(start, 16)).toEqual(unpaused);
  });

  it('should move the deadline by exactly the paused business hours for a 2-day pause', () => {
    const pause = { from: msk('2026-04-07', '09:00'), to: msk('2026-04-09', '09:00') };
    const due = moscow.dueAt(start, 16, [pause]);
    expect(due).toEqual(msk('2026-04-09', '17:00'));
    expect(moscow.businessHoursBetween(pause.from, pause.to)).toBe(18);
    expect(moscow.businessHoursBetween(unpaused, due ?? unpaused)).toBe(18);
  });

  it('should not move the deadline for pauses entirely in non-working time', () => {
    const pauses: Pause[] = [
      { from: msk('2026-04-06', '18:00'), to: msk('2026-04-07', '09:00') }, // the night
      { from: msk('2026-04-04', '10:00'), to: msk('2026-04-06', '10:00') }, // the weekend, ending at start
      { from: msk('2026-04-11', '00:00'), to: msk('2026-04-13', '09:00') }, // after the deadline
    ];
    expect(moscow.dueAt(start, 16, pauses)).toEqual(unpaused);
  });

  it('should tolerate overlapping and unordered pauses', () => {
    const pauses: Pause[] = [
      { from: msk('2026-04-07', '12:00'), to: msk('2026-04-07', '14:00') },
      { from: msk('2026-04-07', '10:00'), to: msk('2026-04-07', '13:00') },
    ];
    // 10:00-14:00 paused (4h): 1h left on Tuesday, 3h on Wednesday.
    expect(moscow.dueAt(start, 16, pauses)).toEqual(msk('2026-04-08', '12:00'));
  });

  it('should return null while an open pause holds the clock before the target is reached', () => {
    const pauses: Pause[] = [{ from: msk('2026-04-07', '12:00'), to: null }];
    expect(moscow.dueAt(start, 16, pauses)).toBeNull();
  });

  it('should keep a deadline that passed before an open pause began', () => {
    const pauses: Pause[] = [{ from: msk('2026-04-08', '12:00'), to: null }];
    expect(moscow.dueAt(start, 16, pauses)).toEqual(unpaused);
  });

  it('should report elapsed and remaining business hours net of pauses', () => {
    const pauses: Pause[] = [{ from: msk('2026-04-06', '12:00'), to: msk('2026-04-06', '15:00') }];
    const now = msk('2026-04-07', '10:00');
    expect(moscow.elapsedBusinessHours(start, now, pauses)).toBe(6); // 2 + 3 Monday, 1 Tuesday
    expect(moscow.remainingBusinessHours(start, 16, pauses, now)).toBe(10);
    const openNow: Pause[] = [{ from: msk('2026-04-07', '09:30'), to: null }];
    expect(moscow.elapsedBusinessHours(start, msk('2026-04-09', '10:00'), openNow)).toBe(8.5);
    expect(moscow.remainingBusinessHours(start, 4, [], now)).toBe(-5); // overdue by 5 business hours
  });
});

describe('BusinessCalendar construction', () => {
  it('should reject a workday that ends before it starts', () => {
    expect(() => new BusinessCalendar(calendar({ workdayStart: '18:00', workdayEnd: '09:00' }))).toThrow(RangeError);
  });

  it('should reject an unknown time zone, or a country or region without generated holidays', () => {
    expect(() => new BusinessCalendar(calendar({ timeZone: 'Mars/Olympus' }))).toThrow(RangeError);
    expect(() => new BusinessCalendar(calendar({ holidays: { country: 'XX' } }))).toThrow(RangeError);
    expect(() => new BusinessCalendar(calendar({ holidays: { country: 'GB', region: 'ZZZ' } }))).toThrow(RangeError);
  });
});

describe('BusinessCalendar with a lunch break (09:00-18:00, lunch 13:00-14:00)', () => {
  it('should make Friday 17:00 + 8h due Monday 17:00: 1h Friday, 4h Monday morning, 3h afternoon', () => {
    expect(lunch.addBusinessHours(msk('2026-04-10', '17:00'), 8)).toEqual(msk('2026-04-13', '17:00'));
    expect(lunch.businessHoursBetween(msk('2026-04-13', '00:00'), msk('2026-04-14', '00:00'))).toBe(8);
  });

  it('should treat the break as non-working time, half-open like the periods', () => {
    expect(lunch.isWorkingTime(msk('2026-04-07', '12:59'))).toBe(true);
    expect(lunch.isWorkingTime(msk('2026-04-07', '13:00'))).toBe(false);
    expect(lunch.isWorkingTime(msk('2026-04-07', '13:30'))).toBe(false);
    expect(lunch.isWorkingTime(msk('2026-04-07', '14:00'))).toBe(true);
    expect(lunch.isWorkingTime(msk('2026-04-07', '17:59'))).toBe(true);
    expect(lunch.isWorkingTime(msk('2026-04-07', '18:00'))).toBe(false);
  });

  it('should start counting at 14:00 when started inside the break', () => {
    expect(lunch.addBusinessHours(msk('2026-04-07', '13:30'), 1)).toEqual(msk('2026-04-07', '15:00'));
    expect(lunch.addBusinessHours(msk('2026-04-07', '13:00'), 1)).toEqual(msk('2026-04-07', '15:00'));
    expect(lunch.addBusinessHours(msk('2026-04-07', '13:30'), 0)).toEqual(msk('2026-04-07', '14:00'));
    expect(lunch.businessHoursBetween(msk('2026-04-07', '13:30'), msk('2026-04-07', '15:00'))).toBe(1);
  });

  it('should land on 13:00, not 14:00, when hours fill the morning exactly', () => {
    expect(lunch.addBusinessHours(msk('2026-04-07', '09:00'), 4)).toEqual(msk('2026-04-07', '13:00'));
    expect(lunch.addBusinessHours(msk('2026-04-07', '10:00'), 3)).toEqual(msk('2026-04-07', '13:00'));
    expect(lunch.addBusinessHours(msk('2026-04-07', '10:00'), 4)).toEqual(msk('2026-04-07', '15:00'));
    expect(lunch.addBusinessHours(msk('2026-04-07', '09:00'), 8)).toEqual(msk('2026-04-07', '18:00'));
    // Adding from a deadline on 13:00 goes on after lunch, as adding from 18:00 goes on next morning.
    const morning = lunch.addBusinessHours(msk('2026-04-07', '09:00'), 4);
    expect(lunch.addBusinessHours(morning, 1)).toEqual(lunch.addBusinessHours(msk('2026-04-07', '09:00'), 5));
    expect(lunch.addBusinessHours(morning, 0)).toEqual(msk('2026-04-07', '14:00'));
  });

  it('should exclude the break from businessHoursBetween', () => {
    expect(lunch.businessHoursBetween(msk('2026-04-07', '12:00'), msk('2026-04-07', '15:00'))).toBe(2);
    expect(lunch.businessHoursBetween(msk('2026-04-07', '13:05'), msk('2026-04-07', '13:55'))).toBe(0);
    // Friday 12:00-13:00 + 14:00-18:00 (5h) + Monday 09:00-12:00 (3h).
    expect(lunch.businessHoursBetween(msk('2026-04-10', '12:00'), msk('2026-04-13', '12:00'))).toBe(8);
  });

  it('should move the deadline by exactly the paused business hours for a 2-day pause', () => {
    const start = msk('2026-04-06', '10:00'); // Monday: 3h + 4h, Tuesday 8h, Wednesday 1h
    const unpaused = msk('2026-04-08', '10:00');
    expect(lunch.dueAt(start, 16, [])).toEqual(unpaused);
    const pause = { from: msk('2026-04-07', '09:00'), to: msk('2026-04-09', '09:00') };
    const due = lunch.dueAt(start, 16, [pause]);
    expect(due).toEqual(msk('2026-04-10', '10:00'));
    expect(lunch.businessHoursBetween(pause.from, pause.to)).toBe(16);
    expect(lunch.businessHoursBetween(unpaused, due ?? unpaused)).toBe(16);
  });

  it('should not move the deadline for a pause that lies within the break', () => {
    const start = msk('2026-04-06', '10:00');
    const pauses: Pause[] = [{ from: msk('2026-04-06', '13:00'), to: msk('2026-04-06', '14:00') }];
    expect(lunch.dueAt(start, 16, pauses)).toEqual(msk('2026-04-08', '10:00'));
    expect(lunch.elapsedBusinessHours(start, msk('2026-04-06', '15:00'), [])).toBe(4);
    expect(lunch.remainingBusinessHours(start, 8, [], msk('2026-04-06', '15:00'))).toBe(4);
  });

  it('should handle several breaks a day', () => {
    const twoBreaks = new BusinessCalendar(
      calendar({
        breaks: [
          { start: '13:00', end: '14:00' },
          { start: '11:00', end: '11:15' },
        ],
      }),
    );
    expect(twoBreaks.businessHoursBetween(msk('2026-04-07', '00:00'), msk('2026-04-08', '00:00'))).toBe(7.75);
    expect(twoBreaks.addBusinessHours(msk('2026-04-07', '09:00'), 2)).toEqual(msk('2026-04-07', '11:00'));
    expect(twoBreaks.addBusinessHours(msk('2026-04-07', '09:00'), 3)).toEqual(msk('2026-04-07', '12:15'));
    expect(twoBreaks.isWorkingTime(msk('2026-04-07', '11:10'))).toBe(false);
  });

  it('should measure real time around a break on a DST switch day', () => {
    const sundays = new BusinessCalendar(
      calendar({
        timeZone: 'Europe/London',
        workdayStart: '00:00',
        workdayEnd: '23:00',
        workdays: [7],
        breaks: [{ start: '12:00', end: '13:00' }],
      }),
    );
    expect(sundays.businessHoursBetween(utc('2026-03-28', '00:00'), utc('2026-03-30', '00:00'))).toBe(21);
    expect(sundays.businessHoursBetween(utc('2026-10-24', '00:00'), utc('2026-10-26', '00:00'))).toBe(23);
    expect(sundays.isWorkingTime(utc('2026-03-29', '11:30'))).toBe(false); // 12:30 BST
    expect(sundays.isWorkingTime(utc('2026-10-25', '12:30'))).toBe(false); // 12:30 GMT
  });

  it('should reject breaks that are empty, outside the workday, overlapping or filling the day', () => {
    const bad = (breaks: Calendar['breaks']) => () => new BusinessCalendar(calendar({ breaks }));
    expect(bad([{ start: '13:00', end: '13:00' }])).toThrow(/break 13:00-13:00/);
    expect(bad([{ start: '14:00', end: '13:00' }])).toThrow(RangeError);
    expect(bad([{ start: '08:00', end: '09:30' }])).toThrow(/within 09:00-18:00/);
    expect(bad([{ start: '17:30', end: '18:30' }])).toThrow(RangeError);
    expect(
      bad([
        { start: '12:00', end: '13:30' },
        { start: '13:00', end: '14:00' },
      ]),
    ).toThrow(/overlaps/);
    expect(
      bad([
        { start: '09:00', end: '13:00' },
        { start: '13:00', end: '18:00' },
      ]),
    ).toThrow(/no working time/);
    // Breaks at either edge of the day are allowed (they just shorten it).
    const edges = new BusinessCalendar(
      calendar({
        breaks: [
          { start: '09:00', end: '10:00' },
          { start: '17:00', end: '18:00' },
        ],
      }),
    );
    expect(edges.addBusinessHours(msk('2026-04-07', '08:00'), 0)).toEqual(msk('2026-04-07', '10:00'));
    expect(edges.addBusinessHours(msk('2026-04-07', '10:00'), 7)).toEqual(msk('2026-04-07', '17:00'));
    expect(edges.addBusinessHours(msk('2026-04-07', '10:00'), 8)).toEqual(msk('2026-04-08', '11:00'));
  });
});

describe('calendarSchema breaks', () => {
  const input = (breaks?: { start: string; end: string }[]) => {
    const { breaks: _omit, ...base } = calendar();
    return breaks === undefined ? base : { ...base, breaks };
  };
  const messages = (breaks: { start: string; end: string }[]): string[] => {
    const result = calendarSchema.safeParse(input(breaks));
    return result.success ? [] : result.error.issues.map((i) => i.message);
  };

  it('should default to no breaks and accept a lunch break', () => {
    expect(calendarSchema.parse(input()).breaks).toEqual([]);
    expect(calendarSchema.parse(input([{ start: '13:00', end: '14:00' }])).breaks).toEqual([
      { start: '13:00', end: '14:00' },
    ]);
  });

  it('should name the calendar and the break in every problem', () => {
    expect(messages([{ start: '14:00', end: '13:00' }])).toEqual([
      'calendar moscow-office: break 14:00-13:00 must start before it ends',
    ]);
    expect(messages([{ start: '17:00', end: '19:00' }])).toEqual([
      'calendar moscow-office: break 17:00-19:00 must lie within 09:00-18:00',
    ]);
    expect(
      messages([
        { start: '13:00', end: '14:00' },
        { start: '12:30', end: '13:30' },
      ]),
    ).toEqual(['calendar moscow-office: break 13:00-14:00 overlaps break 12:30-13:30']);
    expect(
      messages([
        { start: '09:00', end: '12:00' },
        { start: '12:00', end: '18:00' },
      ]),
    ).toEqual(['calendar moscow-office: breaks leave no working time in the day']);
    expect(messages([{ start: '1:00', end: '14:00' }]).length).toBeGreaterThan(0);
  });
});

describe('the ru-msk catalog calendar', () => {
  const entry = catalogCalendars.find((c) => c.id === 'ru-msk');
  const ruMsk = new BusinessCalendar(calendarSchema.parse(entry));

  it('should be the standard Russian office day: 09:00-18:00 with lunch 13:00-14:00, 8 hours', () => {
    expect(ruMsk.timeZone).toBe('Europe/Moscow');
    expect(ruMsk.businessHoursBetween(msk('2026-04-07', '00:00'), msk('2026-04-08', '00:00'))).toBe(8);
    expect(ruMsk.isWorkingTime(msk('2026-04-07', '13:30'))).toBe(false);
    expect(ruMsk.addBusinessHours(msk('2026-04-10', '17:00'), 8)).toEqual(msk('2026-04-13', '17:00'));
  });

  it('should know the 2026 transfers that date-holidays does not', () => {
    expect(moscow.isWorkingDay('2026-01-09')).toBe(true); // date-holidays alone
    expect(ruMsk.isWorkingDay('2026-01-09')).toBe(false); // Sat Jan 3 moved to Fri Jan 9
    expect(ruMsk.isWorkingDay('2026-12-31')).toBe(false); // Sun Jan 4 moved to Thu Dec 31
    expect(ruMsk.isWorkingDay('2026-05-11')).toBe(false); // May 9 is a Saturday
    expect(ruMsk.isWorkingDay('2026-01-12')).toBe(true);
    // Jan 8 is a holiday, Jan 9 transferred, Jan 10-11 a weekend: the clock starts on Monday Jan 12.
    expect(ruMsk.addBusinessHours(msk('2026-01-08', '12:00'), 4)).toEqual(msk('2026-01-12', '13:00'));
  });
});

describe('BusinessCalendar properties', () => {
  const clock = (minutes: number): string =>
    `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  // Any workday with up to three random breaks (parsed by the schema, so it must accept them), in
  // zones with and without DST; at least two working hours a day keep the walks short.
  const randomCalendars = fc
    .record({
      zone: fc.constantFrom(
        { timeZone: 'Europe/Moscow', holidays: { country: 'RU' } },
        { timeZone: 'Europe/London', holidays: { country: 'GB' } },
        // A zone with DST and no generated holidays (the catalog's regions only are generated).
        { timeZone: 'America/New_York', holidays: undefined },
      ),
      day: fc
        .integer({ min: 0, max: 23 * 60 + 59 - 180 })
        .chain((start) => fc.tuple(fc.constant(start), fc.integer({ min: start + 180, max: 23 * 60 + 59 }))),
      workdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 2, maxLength: 7 }),
    })
    .chain(({ zone, day: [dayStart, dayEnd], workdays }) =>
      fc.uniqueArray(fc.integer({ min: dayStart, max: dayEnd }), { maxLength: 6 }).map((cuts) => {
        const sorted = cuts.sort((a, b) => a - b);
        const breaks = [];
        for (let i = 0; i + 1 < sorted.length; i += 2) breaks.push({ start: sorted[i] ?? 0, end: sorted[i + 1] ?? 0 });
        return { ...zone, workdays, dayStart, dayEnd, breaks };
      }),
    )
    .filter((c) => c.dayEnd - c.dayStart - c.breaks.reduce((sum, b) => sum + b.end - b.start, 0) >= 120)
    .map(
      (c) =>
        new BusinessCalendar(
          calendarSchema.parse({
            id: 'random',
            name: { en: 'Random', ru: 'Случайный' },
            timeZone: c.timeZone,
            workdayStart: clock(c.dayStart),
            workdayEnd: clock(c.dayEnd),
            workdays: c.workdays,
            holidays: c.holidays,
            breaks: c.breaks.map((b) => ({ start: clock(b.start), end: clock(b.end) })),
          }),
        ),
    );
  const fixedCalendars = fc.constantFrom(
    moscow,
    london,
    lunch,
    new BusinessCalendar(
      calendar({
        id: 'odd-hours',
        timeZone: 'America/New_York',
        workdayStart: '08:30',
        workdayEnd: '12:15',
        workdays: [2, 4, 6],
        holidays: undefined,
        overrides: [{ date: '2026-03-10', working: false }],
        breaks: [
          { start: '10:00', end: '10:20' },
          { start: '11:00', end: '11:45' },
        ],
      }),
    ),
  );
  const calendars = fc.oneof(fixedCalendars, randomCalendars);
  const starts = fc
    .integer({ min: utc('2025-12-01', '00:00').getTime(), max: utc('2027-02-01', '00:00').getTime() })
    .map((ms) => new Date(ms));
  // Whole seconds keep the ms rounding out of the equalities below.
  const hours = fc.integer({ min: 0, max: 120 * 3600 }).map((s) => s / 3600);
  const pauseLists = (start: Date) =>
    fc.array(
      fc
        .record({
          offset: fc.integer({ min: -48 * 60, max: 40 * 24 * 60 }),
          length: fc.integer({ min: 0, max: 5 * 24 * 60 }),
        })
        .map(({ offset, length }) => {
          const from = new Date(start.getTime() + offset * 60_000);
          return { from, to: new Date(from.getTime() + length * 60_000) };
        }),
      { maxLength: 6 },
    );
  const scenario = fc
    .tuple(calendars, starts, hours)
    .chain(([cal, start, h]) => pauseLists(start).map((pauses) => ({ cal, start, h, pauses })));
  const ms = (d: Date | null): number => d?.getTime() ?? Number.POSITIVE_INFINITY;

  it('should never make the deadline earlier because of pauses', () => {
    fc.assert(
      fc.property(scenario, ({ cal, start, h, pauses }) => {
        expect(ms(cal.dueAt(start, h, pauses))).toBeGreaterThanOrEqual(cal.addBusinessHours(start, h).getTime());
      }),
    );
  });

  it('should count back exactly the hours it added, with and without pauses', () => {
    fc.assert(
      fc.property(scenario, ({ cal, start, h, pauses }) => {
        expect(Math.abs(cal.businessHoursBetween(start, cal.addBusinessHours(start, h)) - h)).toBeLessThan(1e-6);
        const due = cal.dueAt(start, h, pauses);
        expect(due).not.toBeNull();
        expect(Math.abs(cal.elapsedBusinessHours(start, due ?? start, pauses) - h)).toBeLessThan(1e-6);
      }),
    );
  });

  // Precisely: for h > 0 the deadline d has working, un-paused time in the millisecond just before it,
  // i.e. d lies in (period start, period end] of some working period; for h = 0 d is itself a working
  // instant (start, or the next period start).
  it('should only fall where the last millisecond before it was working, un-paused time', () => {
    fc.assert(
      fc.property(scenario, ({ cal, start, h, pauses }) => {
        const due = cal.dueAt(start, h, pauses);
        if (!due) throw new Error('closed pauses always yield a deadline');
        const probe = h > 0 ? new Date(due.getTime() - 1) : due;
        expect(cal.isWorkingTime(probe)).toBe(true);
        const paused = pauses.some((p) => probe >= p.from && probe < p.to);
        expect(paused).toBe(false);
      }),
    );
  });

  it('should be monotonic in the hours and the start, and additive', () => {
    fc.assert(
      fc.property(
        calendars,
        starts,
        fc.tuple(hours, hours),
        fc.integer({ min: 0, max: 72 * 60 }),
        (cal, start, [a, b], shift) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(cal.addBusinessHours(start, lo).getTime()).toBeLessThanOrEqual(
            cal.addBusinessHours(start, hi).getTime(),
          );
          const later = new Date(start.getTime() + shift * 60_000);
          expect(cal.addBusinessHours(start, a).getTime()).toBeLessThanOrEqual(
            cal.addBusinessHours(later, a).getTime(),
          );
          // Not for b = 0: a deadline filling a period exactly sits on its end, and + 0 moves it to the next start.
          if (b > 0) {
            expect(cal.addBusinessHours(cal.addBusinessHours(start, a), b)).toEqual(cal.addBusinessHours(start, a + b));
          }
        },
      ),
    );
  });

  it('should return null for an open pause exactly when the clock reaches it before the target', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.integer({ min: -24 * 60, max: 30 * 24 * 60 }),
        ({ cal, start, h, pauses }, openAfter) => {
          const openFrom = new Date(start.getTime() + openAfter * 60_000);
          const closedLater = { from: openFrom, to: new Date(openFrom.getTime() + 30 * 24 * HOUR) };
          const reference = cal.dueAt(start, h, [...pauses, closedLater]);
          const expected = reference && reference <= openFrom ? reference : null;
          expect(cal.dueAt(start, h, [...pauses, { from: openFrom, to: null }])).toEqual(expected);
        },
      ),
    );
  });
});
