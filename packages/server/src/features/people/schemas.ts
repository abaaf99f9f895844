/** The shapes of the people routes: the contract's (@peerlens/contract). */
export {
  CreatedInvitation,
  ErrorReply,
  IdParam,
  InvitationBody,
  InvitationList,
  MemberChange,
  MemberDetail,
  MemberList,
  Team,
  TeamBody,
  TeamList,
  Visibility,
} from '@peerlens/contract';
