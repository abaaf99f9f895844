/** The calls of team learning, role design and training (issue 5; server features card-sorts, program-tasks, training). */
import type {
  CardSortDetail,
  CardSortInfo,
  CardSortList,
  CertificationBody,
  CertificationRecord,
  CreateTasksBody,
  GuideReply,
  PlaceReply,
  Placement,
  ProgramTaskInfo,
  TaskListReply,
  TeamMapReply,
  TrainingBody,
  TrainingDashboard,
  TrainingRecord,
  TrainingSummary,
  UpdateTaskBody,
} from '@peerlens/contract/types';
import { json, request } from '../../api.js';

const sortPath = (id: string): string => `/api/card-sorts/${encodeURIComponent(id)}`;

export const learnApi = {
  sorts: (): Promise<CardSortList> => request('GET', '/api/card-sorts'),
  openSort: (title: string, teamId?: string): Promise<CardSortInfo> =>
    request('POST', '/api/card-sorts', ...json(teamId === undefined ? { title } : { title, teamId })),
  setStatus: (id: string, status: 'open' | 'closed'): Promise<CardSortInfo> => request('PUT', sortPath(id), ...json({ status })),
  sort: (id: string): Promise<CardSortDetail> => request('GET', sortPath(id)),
  place: (id: string, statementId: string, placement: Placement): Promise<PlaceReply> =>
    request('PUT', `${sortPath(id)}/placements/${encodeURIComponent(statementId)}`, ...json({ placement })),
  map: (id: string): Promise<TeamMapReply> => request('GET', `${sortPath(id)}/map`),
  guide: (id: string): Promise<GuideReply> => request('GET', `${sortPath(id)}/guide`),
  tasks: (teamId?: string): Promise<TaskListReply> =>
    request('GET', teamId === undefined ? '/api/program-tasks' : `/api/program-tasks?teamId=${encodeURIComponent(teamId)}`),
  addTasks: (body: CreateTasksBody): Promise<{ tasks: readonly ProgramTaskInfo[] }> => request('POST', '/api/program-tasks', ...json(body)),
  updateTask: (id: string, body: UpdateTaskBody): Promise<ProgramTaskInfo> =>
    request('PUT', `/api/program-tasks/${encodeURIComponent(id)}`, ...json(body)),
  removeTask: (id: string): Promise<void> => request('DELETE', `/api/program-tasks/${encodeURIComponent(id)}`),
  training: (): Promise<TrainingDashboard> => request('GET', '/api/training'),
  addCertification: (body: CertificationBody): Promise<CertificationRecord> =>
    request('POST', '/api/training/me/certifications', ...json(body)),
  updateCertification: (id: string, body: CertificationBody): Promise<CertificationRecord> =>
    request('PUT', `/api/training/me/certifications/${encodeURIComponent(id)}`, ...json(body)),
  removeCertification: (id: string): Promise<void> => request('DELETE', `/api/training/me/certifications/${encodeURIComponent(id)}`),
  addTraining: (body: TrainingBody): Promise<TrainingRecord> => request('POST', '/api/training/me/trainings', ...json(body)),
  removeTraining: (id: string): Promise<void> => request('DELETE', `/api/training/me/trainings/${encodeURIComponent(id)}`),
  /** Counts only, for a program leader or admin. */
  trainingSummary: (): Promise<TrainingSummary> => request('GET', '/api/training/summary'),
};
