import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BusinessEvent } from '../../events/types';
import { EVENT_TYPES } from '../../events/types';
import { formatValidationError, MAX_ERRORS_PER_EVENT, validateEvent, type ValidationError } from '../../events/validate';
import { CATALOGUE_EXAMPLES, envelopeOf, exampleOf } from '../fixtures/catalogueExamples';

/** Validates and returns the errors, failing the test when the event passes. */
function errorsOf(raw: unknown): ValidationError[] {
  const result = validateEvent(raw);
  assert.equal(result.ok, false, 'expected the event to be rejected');
  return result.ok ? [] : result.errors;
}

/** Validates and returns the event, failing the test with the errors when it is rejected. */
function eventOf(raw: unknown): BusinessEvent {
  const result = validateEvent(raw);
  if (!result.ok) assert.fail(`expected the event to pass, got:\n${result.errors.map(formatValidationError).join('\n')}`);
  return result.event;
}

/** An example event of `type` with `change` applied to a copy of it. */
function variant(type: (typeof EVENT_TYPES)[number], change: (event: Record<string, any>) => void): Record<string, any> {
  const event = envelopeOf(exampleOf(type));
  change(event);
  return event;
}

/** A switch with a `never` check: compiles only while every catalogue type is handled. */
function domainOf(event: BusinessEvent): string {
  switch (event.type) {
    case 'ps.customer.account.upserted':
    case 'ps.customer.account.merged':
      return 'customer';
    case 'ps.project.project.created':
    case 'ps.project.project.status_changed':
    case 'ps.project.time_entry.submitted':
    case 'ps.project.time_entry.approved':
    case 'ps.project.time_entry.rejected':
    case 'ps.project.expense.approved':
    case 'ps.project.milestone.approved':
      return 'project';
    case 'ps.billing.invoice.drafted':
    case 'ps.billing.invoice.tax_calculated':
    case 'ps.billing.invoice.exception_raised':
    case 'ps.billing.invoice.exception_resolved':
    case 'ps.billing.invoice.posted':
    case 'ps.billing.invoice.sent':
    case 'ps.billing.invoice.voided':
    case 'ps.billing.payment.received':
      return 'billing';
    case 'ps.revenue.revenue_event.recognized':
    case 'ps.revenue.revenue_event.reversed':
      return 'revenue';
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event ${JSON.stringify(unhandled)}`);
    }
  }
}

describe('validateEvent: valid events', () => {
  it('should have an example of every catalogue type', () => {
    assert.deepEqual(CATALOGUE_EXAMPLES.map((e) => e.type).sort(), [...EVENT_TYPES].sort());
  });

  for (const example of CATALOGUE_EXAMPLES) {
    it(`should accept ${example.type} and return its normalized shape`, () => {
      const raw = envelopeOf(example);
      const event = eventOf(raw);
      assert.deepEqual(event, { ...raw, data: example.normalized });
      assert.equal(domainOf(event), example.type.split('.')[1]);
    });
  }

  it('should narrow data by type', () => {
    const event = eventOf(envelopeOf(exampleOf('ps.project.time_entry.submitted')));
    assert.equal(event.type, 'ps.project.time_entry.submitted');
    if (event.type === 'ps.project.time_entry.submitted') {
      const hours: string = event.data.hours;
      assert.equal(hours, '7.5');
    }
  });

  it('should turn hours given as numbers or decimal strings into canonical decimal strings', () => {
    const cases: [unknown, string][] = [[7.5, '7.5'], [8, '8'], [0.25, '0.25'], ['7.50', '7.5'], ['08', '8'], ['24', '24'], [1e-2, '0.01'], ['0.000001', '0.000001']];
    for (const [hours, expected] of cases) {
      const event = eventOf(variant('ps.project.time_entry.submitted', (e) => (e.data.hours = hours)));
      assert.equal((event.data as { hours: unknown }).hours, expected, `hours ${JSON.stringify(hours)}`);
    }
  });

  it('should accept a budget of 0 hours given as a string', () => {
    const event = eventOf(variant('ps.project.project.created', (e) => (e.data.budgetHours = '0.0')));
    assert.equal((event.data as { budgetHours?: string }).budgetHours, '0');
    const negativeZero = eventOf(variant('ps.project.project.created', (e) => (e.data.budgetHours = '-0')));
    assert.equal((negativeZero.data as { budgetHours?: string }).budgetHours, '0');
  });

  it('should compare hours with their bounds exactly, beyond what a JSON number can hold', () => {
    const errorsFor = (hours: unknown) => {
      const result = validateEvent(variant('ps.project.time_entry.submitted', (e) => (e.data.hours = hours)));
      return result.ok ? [] : result.errors.map((error) => error.path);
    };
    assert.deepEqual(errorsFor('24'), []);
    assert.deepEqual(errorsFor('0.00000000000000000001'), []);
    assert.deepEqual(errorsFor('24.00000000000000000001'), ['data.hours']);
    assert.deepEqual(errorsFor('0'), ['data.hours']);
    assert.deepEqual(errorsFor('-0.5'), ['data.hours']);
    assert.deepEqual(errorsFor(24.5), ['data.hours']);
  });

  it('should write money amounts with exactly 2 fraction digits', () => {
    const event = eventOf(variant('ps.project.time_entry.approved', (e) => {
      e.data.billRate = { amount: '0150.5', currency: 'EUR' };
      e.data.costRate = { amount: '-0.00', currency: 'EUR' };
    }));
    assert.deepEqual((event.data as any).billRate, { amount: '150.50', currency: 'EUR' });
    assert.deepEqual((event.data as any).costRate, { amount: '0.00', currency: 'EUR' });
    const written = eventOf(variant('ps.project.time_entry.approved', (e) => {
      e.data.billRate = { amount: '-0.50', currency: 'EUR' };
      e.data.costRate = { amount: '12345678901234567890.05', currency: 'EUR' };
    }));
    assert.deepEqual((written.data as any).billRate, { amount: '-0.50', currency: 'EUR' });
    assert.deepEqual((written.data as any).costRate, { amount: '12345678901234567890.05', currency: 'EUR' });
  });

  it('should keep unknown data fields, unknown envelope extensions and unknown fields inside known objects', () => {
    const raw = variant('ps.project.expense.approved', (e) => {
      e.traceparent = '00-abc-def-01';
      e.partitionkey = 'ACC-1';
      e.data.costCenter = 'CC-42';
      e.data.receipt = { pages: 2, scanned: true };
      e.data.amount = { amount: '310.20', currency: 'EUR', fxRate: '1.08' };
    });
    const event = eventOf(raw) as any;
    assert.equal(event.traceparent, '00-abc-def-01');
    assert.equal(event.partitionkey, 'ACC-1');
    assert.equal(event.data.costCenter, 'CC-42');
    assert.deepEqual(event.data.receipt, { pages: 2, scanned: true });
    assert.deepEqual(event.data.amount, { amount: '310.20', currency: 'EUR', fxRate: '1.08' });
  });

  it('should accept well-formed text beyond the BMP (surrogate pairs) in values and field names, and nesting of exactly 32 levels', () => {
    const event = eventOf(variant('ps.billing.invoice.sent', (e) => {
      e.data.note = 'ok \u{1F600}';
      e.data['\u{1F4CE}'] = ['\u{1F600}\u{1F600}'];
      let deep: unknown = 'bottom';
      for (let i = 0; i < 31; i++) deep = [deep];
      e.deep = deep;
    })) as any;
    assert.equal(event.data.note, 'ok \u{1F600}');
  });

  it('should report an unpaired surrogate at its path deep inside an unknown field', () => {
    const result = validateEvent(variant('ps.billing.invoice.sent', (e) => (e.data.extra = { list: ['fine', 'x\uDC00'] })));
    assert.deepEqual(result.ok ? [] : result.errors.map((error) => error.path), ['data.extra.list[1]']);
  });

  it('should not change the received object', () => {
    const raw = envelopeOf(exampleOf('ps.project.time_entry.submitted'), { sequence: '007' });
    const before = structuredClone(raw);
    eventOf(raw);
    assert.deepEqual(raw, before);
  });

  it('should leave out optional fields and attributes sent as null', () => {
    const event = eventOf(variant('ps.customer.account.upserted', (e) => {
      e.data.country = null;
      e.data.status = null;
      e.datacontenttype = null;
      e.sequence = null;
    })) as any;
    assert.equal('country' in event.data, false);
    assert.equal('status' in event.data, false);
    assert.equal('datacontenttype' in event, false);
    assert.equal('sequence' in event, false);
  });

  it('should accept events without the optional envelope attributes and data fields', () => {
    const event = eventOf({
      specversion: '1.0', id: 'e-min', source: '/crm/x', type: 'ps.customer.account.upserted', subject: 'A', time: '2025-03-01T09:30:00+01:00',
      data: { accountId: 'A', name: 'A', legalEntityId: 'LE', billingCurrency: 'USD' },
    });
    assert.deepEqual(event.data, { accountId: 'A', name: 'A', legalEntityId: 'LE', billingCurrency: 'USD' });
  });

  it('should normalize sequence to its digits without leading zeros', () => {
    assert.equal(eventOf(envelopeOf(exampleOf('ps.billing.invoice.sent'), { sequence: '0042' })).sequence, '42');
    assert.equal(eventOf(envelopeOf(exampleOf('ps.billing.invoice.sent'), { sequence: '42' })).sequence, '42');
    assert.equal(validateEvent(envelopeOf(exampleOf('ps.billing.invoice.sent'), { sequence: '0' })).ok, false);
    assert.equal(validateEvent(envelopeOf(exampleOf('ps.billing.invoice.sent'), { sequence: '9223372036854775808' })).ok, false);
    assert.equal(eventOf(envelopeOf(exampleOf('ps.billing.invoice.sent'), { sequence: '9223372036854775807' })).sequence, '9223372036854775807');
  });

  it('should accept RFC 3339 timestamps with fractions, offsets and lower-case t and z', () => {
    for (const time of ['2025-03-01T09:30:00.123Z', '2025-03-01t09:30:00z', '2024-02-29T23:59:59.999999999-05:30', '2025-03-01T09:30:00+14:00']) {
      assert.equal(eventOf(envelopeOf(exampleOf('ps.billing.invoice.sent'), { time })).time, time);
    }
  });

  it('should accept application/json with parameters as datacontenttype', () => {
    eventOf(envelopeOf(exampleOf('ps.billing.invoice.sent'), { datacontenttype: 'application/json; charset=utf-8' }));
  });

  it('should accept a failed tax calculation without taxTotal and a leap day', () => {
    eventOf(variant('ps.billing.invoice.tax_calculated', (e) => {
      e.data.taxStatus = 'failed';
      delete e.data.taxTotal;
    }));
    eventOf(variant('ps.project.time_entry.submitted', (e) => (e.data.workDate = '2024-02-29')));
  });
});

interface RuleCase {
  readonly rule: string;
  readonly event: unknown;
  readonly errors: ValidationError[];
}

const long = (n: number) => 'x'.repeat(n);

const RULES: RuleCase[] = [
  // ── envelope ──
  { rule: 'an event is an object', event: ['not', 'an', 'event'], errors: [{ path: '', message: 'expected a CloudEvents event object, got an array of 3 items' }] },
  { rule: 'specversion is "1.0"', event: variant('ps.billing.invoice.sent', (e) => (e.specversion = '0.3')), errors: [{ path: 'specversion', message: 'expected "1.0", got "0.3"' }] },
  { rule: 'specversion is a string', event: variant('ps.billing.invoice.sent', (e) => (e.specversion = 1)), errors: [{ path: 'specversion', message: 'expected "1.0", got 1 (a number)' }] },
  { rule: 'id is required', event: variant('ps.billing.invoice.sent', (e) => delete e.id), errors: [{ path: 'id', message: 'expected a non-empty string, got nothing (the field is missing)' }] },
  { rule: 'id is not empty', event: variant('ps.billing.invoice.sent', (e) => (e.id = '')), errors: [{ path: 'id', message: 'expected a non-empty string, got ""' }] },
  { rule: 'id is at most 1000 bytes', event: variant('ps.billing.invoice.sent', (e) => (e.id = 'é'.repeat(501))), errors: [{ path: 'id', message: 'expected a non-empty string of at most 1000 bytes, got a string of 1002 bytes' }] },
  { rule: 'source is a string', event: variant('ps.billing.invoice.sent', (e) => (e.source = 42)), errors: [{ path: 'source', message: 'expected a non-empty string, got 42 (a number)' }] },
  {
    rule: 'type is one of the catalogue',
    event: variant('ps.billing.invoice.sent', (e) => (e.type = 'ps.billing.invoice.printed')),
    errors: [{ path: 'type', message: 'expected an event type of the catalogue, such as "ps.project.time_entry.submitted" (docs/events.md#catalogue), got "ps.billing.invoice.printed"' }],
  },
  {
    rule: 'subject equals the data field that names the aggregate',
    event: variant('ps.project.time_entry.approved', (e) => (e.subject = 'TE-2')),
    errors: [{ path: 'subject', message: 'expected "TE-1" (the subject of ps.project.time_entry.approved must equal data.timeEntryId), got "TE-2"' }],
  },
  {
    rule: 'subject of a merge is the survivor',
    event: variant('ps.customer.account.merged', (e) => (e.subject = 'ACC-2')),
    errors: [{ path: 'subject', message: 'expected "ACC-1" (the subject of ps.customer.account.merged must equal data.survivorAccountId), got "ACC-2"' }],
  },
  { rule: 'subject is required', event: variant('ps.billing.invoice.sent', (e) => delete e.subject), errors: [{ path: 'subject', message: 'expected a non-empty string, got nothing (the field is missing)' }] },
  {
    rule: 'time has an offset',
    event: variant('ps.billing.invoice.sent', (e) => (e.time = '2025-03-01T09:30:00')),
    errors: [{ path: 'time', message: 'expected an RFC 3339 timestamp with Z or an offset, e.g. "2025-03-01T09:30:00Z", got "2025-03-01T09:30:00"' }],
  },
  {
    rule: 'time is a real instant',
    event: variant('ps.billing.invoice.sent', (e) => (e.time = '2025-02-29T10:00:00Z')),
    errors: [{ path: 'time', message: 'expected an RFC 3339 timestamp with Z or an offset, e.g. "2025-03-01T09:30:00Z", got "2025-02-29T10:00:00Z"' }],
  },
  {
    rule: 'time has hours up to 23',
    event: variant('ps.billing.invoice.sent', (e) => (e.time = '2025-03-01T24:00:00Z')),
    errors: [{ path: 'time', message: 'expected an RFC 3339 timestamp with Z or an offset, e.g. "2025-03-01T09:30:00Z", got "2025-03-01T24:00:00Z"' }],
  },
  {
    rule: 'time has an offset within ±15:59',
    event: variant('ps.billing.invoice.sent', (e) => (e.time = '2025-03-01T10:00:00+16:00')),
    errors: [{ path: 'time', message: 'expected an RFC 3339 timestamp with Z or an offset, e.g. "2025-03-01T09:30:00Z", got "2025-03-01T10:00:00+16:00"' }],
  },
  { rule: 'datacontenttype is application/json', event: variant('ps.billing.invoice.sent', (e) => (e.datacontenttype = 'application/xml')), errors: [{ path: 'datacontenttype', message: 'expected "application/json", got "application/xml"' }] },
  {
    rule: 'sequence is a string',
    event: variant('ps.billing.invoice.sent', (e) => (e.sequence = 3)),
    errors: [{ path: 'sequence', message: 'expected a string of decimal digits holding a positive integer up to 9223372036854775807 (e.g. "1"), got 3 (a number)' }],
  },
  {
    rule: 'sequence is positive',
    event: variant('ps.billing.invoice.sent', (e) => (e.sequence = '0')),
    errors: [{ path: 'sequence', message: 'expected a string of decimal digits holding a positive integer up to 9223372036854775807 (e.g. "1"), got "0"' }],
  },
  {
    rule: 'sequence is digits only',
    event: variant('ps.billing.invoice.sent', (e) => (e.sequence = '-1')),
    errors: [{ path: 'sequence', message: 'expected a string of decimal digits holding a positive integer up to 9223372036854775807 (e.g. "1"), got "-1"' }],
  },
  {
    rule: 'sequence fits a bigint',
    event: variant('ps.billing.invoice.sent', (e) => (e.sequence = '9223372036854775808')),
    errors: [{ path: 'sequence', message: 'expected a string of decimal digits holding a positive integer up to 9223372036854775807 (e.g. "1"), got "9223372036854775808"' }],
  },
  { rule: 'data is an object', event: variant('ps.billing.invoice.sent', (e) => (e.data = 'INV-1')), errors: [{ path: 'data', message: 'expected an object, got "INV-1"' }] },
  {
    rule: 'data of an unknown type is still an object',
    event: variant('ps.billing.invoice.sent', (e) => {
      e.type = 'ps.unknown';
      delete e.data;
    }),
    errors: [
      { path: 'type', message: 'expected an event type of the catalogue, such as "ps.project.time_entry.submitted" (docs/events.md#catalogue), got "ps.unknown"' },
      { path: 'data', message: 'expected an object, got nothing (the field is missing)' },
    ],
  },

  // ── required fields, types ──
  { rule: 'a required data field is present', event: variant('ps.project.time_entry.submitted', (e) => delete e.data.workDate), errors: [{ path: 'data.workDate', message: 'expected a date YYYY-MM-DD, got nothing (the field is missing)' }] },
  { rule: 'ids in data are non-empty strings', event: variant('ps.project.time_entry.submitted', (e) => (e.data.projectId = 17)), errors: [{ path: 'data.projectId', message: 'expected a non-empty string, got 17 (a number)' }] },
  { rule: 'booleans are JSON booleans', event: variant('ps.project.time_entry.submitted', (e) => (e.data.billable = 'true')), errors: [{ path: 'data.billable', message: 'expected a boolean (true or false), got "true"' }] },
  { rule: 'optional text is a string when present', event: variant('ps.project.time_entry.submitted', (e) => (e.data.role = 5)), errors: [{ path: 'data.role', message: 'expected a string, got 5 (a number)' }] },
  { rule: 'names are not empty', event: variant('ps.project.milestone.approved', (e) => (e.data.name = '')), errors: [{ path: 'data.name', message: 'expected a non-empty string, got ""' }] },

  // ── decimals ──
  { rule: 'hours are greater than 0', event: variant('ps.project.time_entry.submitted', (e) => (e.data.hours = 0)), errors: [{ path: 'data.hours', message: 'expected hours greater than 0 and at most 24, got 0 (a number)' }] },
  { rule: 'hours are at most 24', event: variant('ps.project.time_entry.submitted', (e) => (e.data.hours = '24.01')), errors: [{ path: 'data.hours', message: 'expected hours greater than 0 and at most 24, got "24.01"' }] },
  {
    rule: 'hours are a decimal',
    event: variant('ps.project.time_entry.submitted', (e) => (e.data.hours = 'seven')),
    errors: [{ path: 'data.hours', message: 'expected a decimal (a JSON number or a decimal string such as "7.5", at most 20 integer and 20 fraction digits), got "seven"' }],
  },
  {
    rule: 'decimal strings have no exponent',
    event: variant('ps.project.time_entry.submitted', (e) => (e.data.hours = '7e0')),
    errors: [{ path: 'data.hours', message: 'expected a decimal (a JSON number or a decimal string such as "7.5", at most 20 integer and 20 fraction digits), got "7e0"' }],
  },
  {
    rule: 'decimals have at most 20 fraction digits',
    event: variant('ps.project.time_entry.submitted', (e) => (e.data.hours = `1.${'1'.repeat(21)}`)),
    errors: [{ path: 'data.hours', message: 'expected a decimal (a JSON number or a decimal string such as "7.5", at most 20 integer and 20 fraction digits), got "1.111111111111111111111"' }],
  },
  { rule: 'a budget is not negative', event: variant('ps.project.project.created', (e) => (e.data.budgetHours = -1)), errors: [{ path: 'data.budgetHours', message: 'expected hours of at least 0, got -1 (a number)' }] },

  // ── money ──
  { rule: 'money has at most 2 fraction digits', event: variant('ps.project.time_entry.approved', (e) => (e.data.billRate.amount = '12.345')), errors: [{ path: 'data.billRate.amount', message: 'expected a decimal string with at most 2 fraction digits, got "12.345"' }] },
  { rule: 'money amounts are strings', event: variant('ps.project.time_entry.approved', (e) => (e.data.costRate.amount = 82.5)), errors: [{ path: 'data.costRate.amount', message: 'expected a decimal string with at most 2 fraction digits, got 82.5 (a number)' }] },
  { rule: 'currency is 3 capital letters', event: variant('ps.project.milestone.approved', (e) => (e.data.amount.currency = 'eur')), errors: [{ path: 'data.amount.currency', message: 'expected an ISO 4217 currency code (3 capital letters, e.g. "EUR"), got "eur"' }] },
  {
    rule: 'money is an object',
    event: variant('ps.billing.invoice.posted', (e) => (e.data.grossTotal = '2677.50')),
    errors: [{ path: 'data.grossTotal', message: 'expected Money {"amount": "<decimal string>", "currency": "<ISO 4217>"}, got "2677.50"' }],
  },
  { rule: 'money has a currency', event: variant('ps.billing.invoice.posted', (e) => delete e.data.grossTotal.currency), errors: [{ path: 'data.grossTotal.currency', message: 'expected an ISO 4217 currency code (3 capital letters, e.g. "EUR"), got nothing (the field is missing)' }] },

  // ── dates, periods, codes ──
  { rule: 'dates are YYYY-MM-DD', event: variant('ps.project.expense.approved', (e) => (e.data.expenseDate = '2025-2-27')), errors: [{ path: 'data.expenseDate', message: 'expected a date YYYY-MM-DD, got "2025-2-27"' }] },
  { rule: 'dates are real calendar dates', event: variant('ps.project.time_entry.submitted', (e) => (e.data.workDate = '2025-02-29')), errors: [{ path: 'data.workDate', message: 'expected a real calendar date YYYY-MM-DD, got "2025-02-29"' }] },
  { rule: 'dates have a year from 0001', event: variant('ps.billing.invoice.posted', (e) => (e.data.dueDate = '0000-01-01')), errors: [{ path: 'data.dueDate', message: 'expected a real calendar date YYYY-MM-DD, got "0000-01-01"' }] },
  { rule: 'periods are YYYY-MM', event: variant('ps.revenue.revenue_event.recognized', (e) => (e.data.period = '2025-13')), errors: [{ path: 'data.period', message: 'expected a period YYYY-MM (month 01–12), got "2025-13"' }] },
  { rule: 'country is ISO 3166-1 alpha-2', event: variant('ps.customer.account.upserted', (e) => (e.data.country = 'DEU')), errors: [{ path: 'data.country', message: 'expected an ISO 3166-1 alpha-2 country code (2 capital letters, e.g. "DE"), got "DEU"' }] },

  // ── enums ──
  {
    rule: 'billingModel is one of the contract words',
    event: variant('ps.project.project.created', (e) => (e.data.billingModel = 'TIME_AND_MATERIALS')),
    errors: [{ path: 'data.billingModel', message: 'expected one of "time_and_materials", "fixed_fee", "milestone", "retainer", got "TIME_AND_MATERIALS"' }],
  },
  {
    rule: 'project status is one of the contract words',
    event: variant('ps.project.project.status_changed', (e) => (e.data.status = 'done')),
    errors: [{ path: 'data.status', message: 'expected one of "setup", "active", "on_hold", "completed", "closed", "cancelled", got "done"' }],
  },
  { rule: 'account status is active or inactive', event: variant('ps.customer.account.upserted', (e) => (e.data.status = 'merged')), errors: [{ path: 'data.status', message: 'expected one of "active", "inactive", got "merged"' }] },
  {
    rule: 'exception stage is one of the contract words',
    event: variant('ps.billing.invoice.exception_raised', (e) => (e.data.stage = 'billing')),
    errors: [{ path: 'data.stage', message: 'expected one of "eligibility", "pricing", "tax", "posting", "delivery", got "billing"' }],
  },
  {
    rule: 'recognition method is one of the contract words',
    event: variant('ps.revenue.revenue_event.recognized', (e) => (e.data.method = 'percent_complete')),
    errors: [{ path: 'data.method', message: 'expected one of "time_and_materials", "cost_to_cost", "milestone", "ratable", got "percent_complete"' }],
  },
  { rule: 'taxStatus is succeeded or failed', event: variant('ps.billing.invoice.tax_calculated', (e) => (e.data.taxStatus = 'pending')), errors: [{ path: 'data.taxStatus', message: 'expected one of "succeeded", "failed", got "pending"' }] },

  // ── structures ──
  { rule: 'externalIds is an object', event: variant('ps.customer.account.upserted', (e) => (e.data.externalIds = ['001xx'])), errors: [{ path: 'data.externalIds', message: 'expected an object, got an array of 1 item' }] },
  {
    rule: 'externalIds maps names to string ids',
    event: variant('ps.customer.account.upserted', (e) => (e.data.externalIds = { 'sales force': 1 })),
    errors: [{ path: 'data.externalIds["sales force"]', message: 'expected a non-empty string, got 1 (a number)' }],
  },
  { rule: 'lines are not empty', event: variant('ps.billing.invoice.drafted', (e) => (e.data.lines = [])), errors: [{ path: 'data.lines', message: 'expected a non-empty array, got an array of 0 items' }] },
  {
    rule: 'a line has a lineId',
    event: variant('ps.billing.invoice.drafted', (e) => delete e.data.lines[1].lineId),
    errors: [{ path: 'data.lines[1].lineId', message: 'expected a non-empty string, got nothing (the field is missing)' }],
  },
  {
    rule: 'a line kind is time, expense, milestone or fee',
    event: variant('ps.billing.invoice.drafted', (e) => (e.data.lines[0].kind = 'labour')),
    errors: [{ path: 'data.lines[0].kind', message: 'expected one of "time", "expense", "milestone", "fee", got "labour"' }],
  },
  { rule: 'sourceIds is an array', event: variant('ps.billing.invoice.drafted', (e) => (e.data.lines[0].sourceIds = 'TE-1')), errors: [{ path: 'data.lines[0].sourceIds', message: 'expected an array, got "TE-1"' }] },
  { rule: 'sourceIds are non-empty strings', event: variant('ps.billing.invoice.drafted', (e) => (e.data.lines[0].sourceIds[1] = '')), errors: [{ path: 'data.lines[0].sourceIds[1]', message: 'expected a non-empty string, got ""' }] },
  {
    rule: 'a line is an object',
    event: variant('ps.billing.invoice.drafted', (e) => (e.data.lines[1] = null)),
    errors: [{ path: 'data.lines[1]', message: 'expected an invoice line {lineId, kind, sourceIds, amount}, got null' }],
  },
  {
    rule: 'taxTotal is required when taxStatus is succeeded',
    event: variant('ps.billing.invoice.tax_calculated', (e) => delete e.data.taxTotal),
    errors: [{ path: 'data.taxTotal', message: 'expected Money (required when taxStatus is "succeeded"), got nothing' }],
  },
  { rule: 'allocations is an array', event: variant('ps.billing.payment.received', (e) => (e.data.allocations = { 'INV-1': '10.00' })), errors: [{ path: 'data.allocations', message: 'expected an array, got an object' }] },
  {
    rule: 'an allocation has an amount in money',
    event: variant('ps.billing.payment.received', (e) => (e.data.allocations[0].amount.amount = '1,000.00')),
    errors: [{ path: 'data.allocations[0].amount.amount', message: 'expected a decimal string with at most 2 fraction digits, got "1,000.00"' }],
  },

  // ── what Postgres can store ──
  {
    rule: 'text holds no U+0000, unknown fields included',
    event: variant('ps.billing.invoice.sent', (e) => (e.data.note = 'a\u0000b')),
    errors: [{ path: 'data.note', message: 'expected text without U+0000 or unpaired surrogates, got a string containing the character U+0000, which Postgres cannot store' }],
  },
  {
    rule: 'field names are well-formed Unicode',
    event: variant('ps.billing.invoice.sent', (e) => (e.data['bad\uD800'] = 1)),
    errors: [{ path: 'data', message: 'expected field names without U+0000 or unpaired surrogates, got a field name containing an unpaired UTF-16 surrogate (not well-formed Unicode)' }],
  },
  {
    rule: 'extensions nest at most 32 levels',
    event: variant('ps.billing.invoice.sent', (e) => {
      let deep: unknown = 'bottom';
      for (let i = 0; i < 40; i++) deep = [deep];
      e.deep = deep;
    }),
    errors: [{ path: `deep${'[0]'.repeat(31)}`, message: 'expected at most 32 levels of nested objects and arrays, got deeper nesting' }],
  },
];

describe('validateEvent: one rule at a time', () => {
  for (const { rule, event, errors } of RULES) {
    it(`should reject when broken: ${rule}`, () => {
      assert.deepEqual(errorsOf(event), errors);
    });
  }
});

describe('validateEvent: all errors of an event', () => {
  it('should report every error of the envelope and the data at once', () => {
    const errors = errorsOf(variant('ps.project.time_entry.submitted', (e) => {
      e.specversion = '1';
      e.time = 'yesterday';
      e.subject = 'TE-9';
      e.data.hours = 25;
      e.data.workDate = '2025-04-31';
      delete e.data.resourceId;
    }));
    assert.deepEqual(errors.map((e) => e.path).sort(), ['data.hours', 'data.resourceId', 'data.workDate', 'specversion', 'subject', 'time']);
  });

  it('should report the taxTotal rule together with other data errors', () => {
    const errors = errorsOf(variant('ps.billing.invoice.tax_calculated', (e) => {
      delete e.data.taxTotal;
      e.data.invoiceId = '';
    }));
    assert.deepEqual(errors.map((e) => e.path), ['data.invoiceId', 'data.taxTotal']);
  });

  it('should name every wrong line of an invoice', () => {
    const errors = errorsOf(variant('ps.billing.invoice.drafted', (e) => {
      e.data.lines = Array.from({ length: 3 }, (_, i) => ({ lineId: `L${i}`, kind: 'time', sourceIds: [], amount: { amount: '1.001', currency: 'EUR' } }));
    }));
    assert.deepEqual(errors.map((e) => e.path), ['data.lines[0].amount.amount', 'data.lines[1].amount.amount', 'data.lines[2].amount.amount']);
  });

  it(`should summarize beyond ${MAX_ERRORS_PER_EVENT} errors`, () => {
    const errors = errorsOf(variant('ps.billing.invoice.drafted', (e) => {
      e.data.lines = Array.from({ length: 80 }, () => ({ lineId: '', kind: 'time', sourceIds: [], amount: { amount: '1.00', currency: 'EUR' } }));
    }));
    assert.equal(errors.length, MAX_ERRORS_PER_EVENT);
    assert.deepEqual(errors.at(-1), { path: '', message: `and ${80 - MAX_ERRORS_PER_EVENT + 1} more errors` });
  });

  it('should print errors as "path: message"', () => {
    assert.equal(formatValidationError({ path: 'data.billRate.amount', message: 'expected x, got y' }), 'data.billRate.amount: expected x, got y');
    assert.equal(formatValidationError({ path: '', message: 'expected a CloudEvents event object, got null' }), 'expected a CloudEvents event object, got null');
  });

  it('should shorten long strings in messages', () => {
    const [error] = errorsOf(variant('ps.billing.invoice.sent', (e) => (e.time = long(200))));
    assert.match(error!.message, /got "x{60}…" \(200 characters\)$/);
  });
});

describe('validateEvent: hostile field names', () => {
  it('should keep a "__proto__" field as an ordinary field', () => {
    const raw = JSON.parse(JSON.stringify(envelopeOf(exampleOf('ps.customer.account.upserted'))).replace('"salesforce"', '"__proto__"'));
    const event = eventOf(raw) as any;
    assert.equal(Object.getPrototypeOf(event.data.externalIds), Object.prototype);
    assert.deepEqual(Object.keys(event.data.externalIds), ['__proto__', 'netsuite']);
    assert.equal(Object.getOwnPropertyDescriptor(event.data.externalIds, '__proto__')!.value, '001xx');
  });
});
