import { type ClassType, Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from './pageInfo';

/** What every connection object holds; `totalCount` is counted only when selected. */
export interface ConnectionShape<TNode> {
  edges: { cursor: string; node: TNode }[];
  nodes: TNode[];
  pageInfo: PageInfo;
  countTotal: () => Promise<number>;
  readonly totalCount: Promise<number>;
}

/**
 * The Relay connection of a node type: `XConnection { edges { cursor node }
 * nodes pageInfo totalCount }` and `XEdge`. Extend it once per node type:
 * `@ObjectType({ simpleResolvers: true }) class InvoiceConnection extends connectionOf(Invoice, 'Invoice') {}`.
 *
 * Nodes are nullable (`node: X`, `nodes: [X]!`), as Relay allows: a node
 * whose fields another subgraph failed to resolve becomes null on its own,
 * instead of nulling the whole list and everything above it.
 */
export function connectionOf<TNode extends object>(nodeType: ClassType<TNode>, name: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `An edge of a ${name}Connection.` })
  class Edge {
    @Field({ description: 'Opaque, stable cursor of this node, for `after`.' })
    cursor!: string;

    @Field(() => nodeType, { nullable: true })
    node!: TNode | null;
  }

  // Never in a schema itself (unreachable): its subclass inherits the fields.
  @ObjectType(`${name}ConnectionBase`, { simpleResolvers: true })
  abstract class Connection implements ConnectionShape<TNode> {
    @Field(() => [Edge])
    edges!: { cursor: string; node: TNode }[];

    @Field(() => [nodeType], { nullable: 'items', description: 'The nodes of the edges, in order.' })
    nodes!: TNode[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    /** Counts every item of the connection (all pages); set by {@link toConnection}. */
    countTotal!: () => Promise<number>;

    @Field(() => Int, { description: 'Items in the whole connection, all pages together.' })
    get totalCount(): Promise<number> {
      return this.countTotal();
    }
  }
  return Connection;
}
