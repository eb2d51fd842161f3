/** The light build of Bottleneck (no clustering), as the Octokit plugins use it; same API as the full build. */
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
