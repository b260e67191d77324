import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Big from 'big.js';
import { Kind, type ValueNode } from 'graphql';
import { DateScalar } from '../../resolvers/shared/date.scalar';
import { DateTimeScalar } from '../../resolvers/shared/dateTime.scalar';
import { DecimalScalar } from '../../resolvers/shared/decimal.scalar';
import { decimalText, money, moneyText, percentOf } from '../../resolvers/shared/amounts';

const literal = (kind: Kind.STRING | Kind.INT | Kind.FLOAT | Kind.BOOLEAN, value: string): ValueNode =>
  (kind === Kind.BOOLEAN ? { kind, value: value === 'true' } : { kind, value }) as ValueNode;

describe('Decimal', () => {
  it('serializes decimal strings as they are, never through floating point', () => {
    assert.equal(DecimalScalar.serialize('12.50'), '12.50');
    assert.equal(DecimalScalar.serialize('-0.01'), '-0.01');
    assert.equal(DecimalScalar.serialize('12345678901234567890.12'), '12345678901234567890.12');
    assert.equal(DecimalScalar.serialize(new Big('7.330')), '7.33');
    assert.equal(DecimalScalar.serialize(3), '3');
  });
  it('refuses what is not a decimal, saying what arrived', () => {
    assert.throws(() => DecimalScalar.serialize('1e3'), /expected a decimal string like "1234.50", got "1e3"/);
    assert.throws(() => DecimalScalar.serialize(0.1), /Decimal cannot represent 0.1/);
    assert.throws(() => DecimalScalar.parseValue(true), /Decimal input: expected a decimal string like "1234.50", got true/);
  });
  it('accepts string input and number literals by their exact text', () => {
    assert.equal(DecimalScalar.parseValue('1234.50'), '1234.50');
    assert.equal(DecimalScalar.parseLiteral(literal(Kind.STRING, '0.10')), '0.10');
    assert.equal(DecimalScalar.parseLiteral(literal(Kind.FLOAT, '0.1')), '0.1');
    assert.equal(DecimalScalar.parseLiteral(literal(Kind.FLOAT, '1e3')), '1000');
    assert.equal(DecimalScalar.parseLiteral(literal(Kind.INT, '123456789012345678901234567890')), '123456789012345678901234567890');
    assert.throws(() => DecimalScalar.parseLiteral(literal(Kind.BOOLEAN, 'true')), /got a BooleanValue literal/);
  });
});

describe('Date', () => {
  it('is a calendar date YYYY-MM-DD', () => {
    assert.equal(DateScalar.serialize('2025-02-28'), '2025-02-28');
    assert.equal(DateScalar.parseValue('2024-02-29'), '2024-02-29');
    assert.throws(() => DateScalar.parseValue('2025-02-29'), /expected a calendar date YYYY-MM-DD, got "2025-02-29"/);
    assert.throws(() => DateScalar.parseLiteral(literal(Kind.STRING, '2025-1-1')), /got "2025-1-1"/);
  });

  it('takes every year ingest takes, from 0001 (a date of the first century is not one of the 1900s)', () => {
    assert.equal(DateScalar.serialize('0050-03-01'), '0050-03-01');
    assert.equal(DateScalar.parseValue('0001-01-01'), '0001-01-01');
    assert.equal(DateScalar.parseValue('0004-02-29'), '0004-02-29');
    assert.throws(() => DateScalar.parseValue('0000-01-01'), /expected a calendar date/);
    assert.throws(() => DateScalar.parseValue('0099-02-29'), /expected a calendar date/);
  });
});

describe('DateTime', () => {
  it('serializes instants as RFC 3339 in UTC', () => {
    assert.equal(DateTimeScalar.serialize(new Date('2026-03-02T10:00:00+01:00')), '2026-03-02T09:00:00.000Z');
    assert.equal(DateTimeScalar.serialize('2026-03-02T09:00:00Z'), '2026-03-02T09:00:00.000Z');
  });
  it('parses RFC 3339 only', () => {
    assert.equal((DateTimeScalar.parseValue('2026-03-02T09:00:00.5+02:00') as Date).toISOString(), '2026-03-02T07:00:00.500Z');
    assert.throws(() => DateTimeScalar.parseValue('2026-03-02 09:00'), /expected an RFC 3339 timestamp/);
    assert.throws(() => DateTimeScalar.parseValue('2026-02-30T09:00:00Z'), /got "2026-02-30T09:00:00Z"/);
  });
});

describe('money and decimals', () => {
  it('formats numeric text exactly as big.js does, with or without its fast path', () => {
    const texts = ['0', '-0', '0.00', '-0.00', '-0.50', '7.50', '8.00', '100', '100.10', '12.345', '12.355', '-12.355', '0.001', '-0.001',
      '1234567890123456789.99', '5.000', '-5.000', '10', '-10.0', '0.5', '3.14159'];
    for (let i = 0; i < 2000; i++) {
      const cents = Math.floor(Math.sin(i) * 10 ** (i % 12));
      texts.push((cents / 100).toFixed(i % 5), String(cents));
    }
    for (const text of texts) {
      assert.equal(moneyText(text), new Big(text).toFixed(2), `moneyText(${text})`);
      assert.equal(decimalText(text), new Big(text).toFixed(), `decimalText(${text})`);
    }
  });

  it('write money with 2 fraction digits and hours without trailing zeros', () => {
    assert.equal(moneyText('12.5'), '12.50');
    assert.equal(moneyText('0'), '0.00');
    assert.equal(decimalText('7.500'), '7.5');
    assert.equal(decimalText('0.00'), '0');
    assert.deepEqual(money('-3', 'EUR'), { amount: '-3.00', currency: 'EUR' });
  });
  it('compute a percentage from sums exactly, half away from zero, null on zero revenue', () => {
    assert.equal(percentOf(new Big('1'), new Big('3')), '33.33');
    assert.equal(percentOf(new Big('2'), new Big('3')), '66.67');
    assert.equal(percentOf(new Big('-1.13'), new Big('20')), '-5.65');
    assert.equal(percentOf(new Big('0.01'), new Big('200')), '0.01'); // 0.005 % rounds away from zero
    assert.equal(percentOf(new Big('-0.01'), new Big('200')), '-0.01');
    assert.equal(percentOf(new Big('-0.01'), new Big('300')), '0.00');
    assert.equal(percentOf(new Big('5'), new Big('0')), null);
  });
});
