import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { ConnectionArgs } from '../shared/connectionArgs';
import { ProjectStatus } from '../shared/enums';
import { pageRequest, toConnection } from '../shared/pagination';
import { rowScopeOf } from '../shared/rowScope';
import type { Queryable } from '../shared/sql';
import { Customer } from './customer';
import type { ProjectLoaders } from './loaders';
import { Project } from './project';
import { ProjectConnection } from './projectConnection';
import { countProjects, projectCursor, projectsPage } from './projects';

@ArgsType()
class ProjectsArgs extends ConnectionArgs {
  @Field(() => ID, { nullable: true, description: 'Projects counting under this customer (its own and those of accounts merged into it).' })
  customerId?: string | null;

  @Field(() => ProjectStatus, { nullable: true })
  status?: ProjectStatus | null;
}

export interface ProjectResolverDeps {
  readonly db: Queryable;
  readonly loadersFor: (context: unknown) => ProjectLoaders;
}

@Resolver(() => Project)
export class ProjectResolver {
  constructor(private readonly deps: ProjectResolverDeps) {}

  @Query(() => Project, { nullable: true })
  project(@Arg('id', () => ID) id: string, @Ctx() context: unknown): Promise<Project | null> {
    return this.deps.loadersFor(context).project.load(id);
  }

  @Query(() => ProjectConnection, { description: 'Projects by id, optionally of one customer or status. first: default 50, at most 500.' })
  async projects(@Args() { first, after, customerId, status }: ProjectsArgs, @Ctx() context: unknown): Promise<ProjectConnection> {
    const request = pageRequest(first, after, projectCursor);
    const filter = { customerId, status };
    const scope = rowScopeOf(context);
    const rows = await projectsPage(this.deps.db, filter, scope, request);
    return toConnection(ProjectConnection, rows, request, { node: (p) => p, keys: (p) => [p.id], cursor: projectCursor }, () =>
      countProjects(this.deps.db, filter, scope),
    );
  }

  @FieldResolver(() => Customer, {
    nullable: true,
    description: 'The customer the project counts under: the survivor when its account was merged; null when it is in a legal entity the token does not see.',
  })
  customer(@Root() project: Project, @Ctx() context: unknown): Promise<Customer | null> {
    return this.deps.loadersFor(context).customer.load(project.customerId);
  }
}
