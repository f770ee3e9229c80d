// The sidebar's entry point. The HTML shell paints at once (src/ui/index.html); the app replaces
// it when the script runs and asks the server for its data (apiBootstrap) after first paint.
import { render } from 'preact';
import { App } from './app';
import './styles.css';

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(<App />, root);
}
