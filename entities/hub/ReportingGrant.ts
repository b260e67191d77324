import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * hub.reporting_grant: the login roles granted the SQL reporting surface with
 * a legal-entity restriction (`servicegraph grant-reporting --legal-entities`).
 * The views of the `reporting` schema keep only the rows of these legal
 * entities for a connection whose login role (`session_user`) is listed; a role
 * not listed sees every legal entity. The reporting role cannot read this table.
 */
@Entity({ schema: 'hub', name: 'reporting_grant' })
export class ReportingGrant {
  @PrimaryColumn({ type: 'text', name: 'role_name', collation: 'C' })
  roleName!: string;

  @Column({ type: 'text', array: true, name: 'legal_entities' })
  legalEntities!: string[];

  @Column({ type: 'timestamptz', name: 'granted_at', default: () => 'now()' })
  grantedAt!: Date;
}
