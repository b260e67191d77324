import { ObjectType } from 'type-graphql';
import { connectionOf } from '../shared/connection';
import { Project } from './project';

@ObjectType({ simpleResolvers: true, description: 'Projects, ordered by id.' })
export class ProjectConnection extends connectionOf(Project, 'Project') {}
