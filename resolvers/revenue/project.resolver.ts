import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { DecimalScalar } from '../shared/decimal.scalar';
import { Money } from '../shared/money';
import type { ProjectRevenue } from './figures';
import type { RevenueLoaders } from './loaders';
import { Project } from './project';
import { Financial } from '../shared/requiresScopes';

/** Adds recognized revenue, margin and backlog to the project subgraph's `Project`. */
@Resolver(() => Project)
export class ProjectRevenueResolver {
  constructor(private readonly loadersFor: (context: unknown) => RevenueLoaders) {}

  private async figures(project: Project, context: unknown): Promise<ProjectRevenue> {
    const figures = await this.loadersFor(context).projectRevenue.load(project.id);
    if (!figures) throw new Error(`project ${project.id} is not in the read model`);
    return figures;
  }

  @Financial()
  @FieldResolver(() => Money, { description: 'Σ recognized revenue events not reversed.' })
  async recognizedRevenue(@Root() project: Project, @Ctx() context: unknown): Promise<Money> {
    return (await this.figures(project, context)).recognizedRevenue;
  }

  @Financial()
  @FieldResolver(() => Money, { description: 'recognizedRevenue − laborCost − expenseCost.' })
  async margin(@Root() project: Project, @Ctx() context: unknown): Promise<Money> {
    return (await this.figures(project, context)).margin;
  }

  @Financial()
  @FieldResolver(() => DecimalScalar, { nullable: true, description: 'margin ÷ recognizedRevenue × 100, 2 decimals; null when recognizedRevenue is 0.' })
  async marginPercent(@Root() project: Project, @Ctx() context: unknown): Promise<string | null> {
    return (await this.figures(project, context)).marginPercent;
  }

  @Financial()
  @FieldResolver(() => Money, { nullable: true, description: 'Work approved but not yet recognized (T&M, milestone); null for fixed fee and retainer.' })
  async revenueBacklog(@Root() project: Project, @Ctx() context: unknown): Promise<Money | null> {
    return (await this.figures(project, context)).revenueBacklog;
  }
}
