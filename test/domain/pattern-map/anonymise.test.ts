import { describe, expect, it } from 'vitest';
import { anonymiseText, namesTheCaseKnows } from '#domain/pattern-map/anonymise.ts';

const names = namesTheCaseKnows({
  child: {
    name: 'Robin Ashworth',
    preferredName: 'Robbie',
    school: 'Fulwood High School',
    areaOfResidence: 'Ribbleton',
    homeAddress: '14 Larkhill Crescent\nPreston PR1 4XY',
    gpPractice: 'Ribbleton Medical Centre',
    gpContact: 'Tower Road, PR2 6XX, 01772 555 010',
  },
  people: [{ name: 'Sarah Thwaite', anonymisedLabel: 'Mother' }],
  professionals: [
    { name: 'DC Hughes', role: 'Police officer' },
    { name: 'Sam Social Worker', role: '' },
    { name: 'Priya Okafor', role: 'referrer' },
  ],
  places: ['Moor Park', ''],
  marked: [{ word: 'Preston', shownAs: '[town]' }],
});

describe('every name the case knows', () => {
  it('replaces the child, people, professionals, school, area, places and marked words', () => {
    expect(
      anonymiseText(
        'Robbie (Robin Ashworth) met Sarah at Fulwood High School in Ribbleton; DC Hughes and Sam Social Worker went to Moor Park in Preston. Hughes wrote it up.',
        names,
      ),
    ).toBe(
      'R.A. (R.A.) met Mother at [school] in [area]; [police officer] and [professional] went to [place] in [town]. [police officer] wrote it up.',
    );
  });

  it('leaves common words that happen to be part of a name alone', () => {
    // "High", "School" and "Park" are parts of names, but not names.
    expect(anonymiseText('A high fence by the school car park', names)).toBe(
      'A high fence by the school car park',
    );
  });

  it('hides the home address, the GP and the referrer (issue 14)', () => {
    expect(
      anonymiseText(
        'Priya Okafor referred him; he lives at 14 Larkhill Crescent, Preston PR1 4XY and is registered at Ribbleton Medical Centre (Tower Road, PR2 6XX, 01772 555 010). Okafor called back.',
        names,
      ),
    ).toBe(
      '[referrer] referred him; he lives at [address], [address] and is registered at [GP practice] ([GP]). [referrer] called back.',
    );
  });
});
