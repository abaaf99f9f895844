/** The shapes of the training routes: the contract's (@peerlens/contract). */
export {
  Certification,
  CertificationBody,
  CertificationParams,
  ErrorReply,
  Training,
  TrainingBody,
  TrainingDashboard,
  TrainingParams,
  TrainingPerson,
  TrainingSummary,
} from '@peerlens/contract';
