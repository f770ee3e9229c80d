// The sidebar's entry point. The server sends the page with no data; everything the views need
// is fetched after first paint through google.script.run (see the sidebar issue).
import './styles.css';

const appName = document.getElementById('app-name');
const lang = (navigator.language || 'ru').toLowerCase().startsWith('en') ? 'en' : 'ru';
if (appName) appName.textContent = lang === 'en' ? 'Arbiter' : 'Арбитр';
