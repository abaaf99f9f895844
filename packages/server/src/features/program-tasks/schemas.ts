/** The shapes of the program-tasks routes: the contract's (@peerlens/contract). */
export {
  CreateTasksBody,
  CreateTasksReply,
  DutyResult as DutyResultSchema,
  ErrorReply,
  ProgramTask,
  TaskList,
  TaskParams,
  TaskQuery,
  UpdateTaskBody,
} from '@peerlens/contract';
