/**
 * Reads RFC 4180 CSV (quoted fields, doubled quotes, CRLF records) into
 * records keyed by the header row, strictly: a malformed document fails the
 * test instead of being read leniently. Independent of the CSV writer the hub
 * uses, so a test checks the bytes a BI tool receives.
 */
export function csvRecords(text: string): Array<Record<string, string>> {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (ch === '"') { quoted = false; i += 1; continue; }
      field += ch; i += 1; continue;
    }
    if (ch === '"') {
      if (field !== '') throw new Error(`CSV: a quote inside an unquoted field at offset ${i}`);
      quoted = true; i += 1; continue;
    }
    if (ch === ',') { record.push(field); field = ''; i += 1; continue; }
    if (ch === '\r' && text[i + 1] === '\n') { record.push(field); records.push(record); record = []; field = ''; i += 2; continue; }
    if (ch === '\n' || ch === '\r') throw new Error(`CSV: a bare line break at offset ${i} (RFC 4180 ends records with CRLF)`);
    field += ch; i += 1;
  }
  if (quoted) throw new Error('CSV: an unterminated quoted field');
  if (field !== '' || record.length > 0) throw new Error('CSV: the last record lacks its CRLF');
  const [header, ...rows] = records;
  if (!header) throw new Error('CSV: no header row');
  return rows.map((row, n) => {
    if (row.length !== header.length) throw new Error(`CSV: record ${n + 1} has ${row.length} fields, the header ${header.length}`);
    return Object.fromEntries(header.map((name, k) => [name, row[k]!]));
  });
}

