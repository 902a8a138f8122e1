// While the router fetches the code of the next page (each page is its own chunk, see router.tsx),
// the current page stays on screen; this says, politely and visibly, that the next one is coming.
import { useNavigation } from 'react-router';
import { Loading } from '../components/QueryState';

export function RouteLoading() {
  const navigation = useNavigation();
  return navigation.state === 'loading' ? <Loading /> : null;
}
