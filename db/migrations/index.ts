import { InitialSchema1764000000000 } from './1764000000000-InitialSchema';
import { GeneratedColumnMetadata1764000000001 } from './1764000000001-GeneratedColumnMetadata';
import { BilledByInvoiceSet1764000000002 } from './1764000000002-BilledByInvoiceSet';
import { KeysCollateC1764000000003 } from './1764000000003-KeysCollateC';
import { AuditLog1765000000200 } from './1765000000200-AuditLog';
import { FiguresOverTime1765000000500 } from './1765000000500-FiguresOverTime';
import { HubExceptionDismissal1765000000600 } from './1765000000600-HubExceptionDismissal';
import { ReportingViews1765000000700 } from './1765000000700-ReportingViews';
import { ReportingViewsOverTime1765000000701 } from './1765000000701-ReportingViewsOverTime';

/**
 * Every migration, in order. An explicit list rather than a glob over dist/:
 * tsc never deletes output, so a glob would also run the stale .js of a
 * migration that was renamed or removed from the source tree.
 */
export const MIGRATIONS = [
  InitialSchema1764000000000, GeneratedColumnMetadata1764000000001, BilledByInvoiceSet1764000000002, KeysCollateC1764000000003,
  AuditLog1765000000200, FiguresOverTime1765000000500, HubExceptionDismissal1765000000600, ReportingViews1765000000700, ReportingViewsOverTime1765000000701,
];
