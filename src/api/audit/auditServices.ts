import type { AuditLogReader, StreamAccess } from '../../audit/auditPorts';

/** What the audit routes read the log with (built once per process by the composition root). */
export interface AuditServices {
  reader: AuditLogReader;
  streamAccess: StreamAccess;
}
