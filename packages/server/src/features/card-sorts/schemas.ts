/** The shapes of the card-sorts routes: the contract's (@peerlens/contract). */
export {
  CardSort,
  CardSortDetail,
  CardSortList,
  ErrorReply,
  Guide,
  OpenSortBody,
  PlaceBody,
  PlaceReply,
  PlacementParams,
  SortParams,
  TeamMap,
  UpdateSortBody,
} from '@peerlens/contract';
