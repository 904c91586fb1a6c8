/** Styles and the small client script of the offline HTML docs; inlined so the file needs nothing else. */
import { ERD_SVG_STYLE } from '../../../shared/erd/erd-svg'

export const HTML_CSS = `
${ERD_SVG_STYLE}
:root{--bg:#ffffff;--fg:#1f2328;--muted:#656d76;--border:#d0d7de;--panel:#f6f8fa;--accent:#0969da;--mark:#fff8c5;--warn:#9a6700;--err:#cf222e;
--er-bg:#ffffff;--er-box:#ffffff;--er-border:#8c959f;--er-head:#ddf4ff;--er-text:#1f2328;--er-muted:#656d76;--er-key:#9a6700;--er-edge:#57606a;--er-accent:#0969da;color-scheme:light}
:root[data-theme=dark]{--bg:#0d1117;--fg:#e6edf3;--muted:#8d96a0;--border:#30363d;--panel:#161b22;--accent:#4493f8;--mark:#3b2e00;--warn:#d29922;--err:#f85149;
--er-bg:#0d1117;--er-box:#161b22;--er-border:#484f58;--er-head:#12263f;--er-text:#e6edf3;--er-muted:#8d96a0;--er-key:#d29922;--er-edge:#8d96a0;--er-accent:#4493f8;color-scheme:dark}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;background:var(--bg);color:var(--fg)}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
header{position:sticky;top:0;z-index:5;display:flex;gap:12px;align-items:center;padding:8px 16px;background:var(--panel);border-bottom:1px solid var(--border)}
header h1{font-size:16px;margin:0;white-space:nowrap}
header .spacer{flex:1}
#search{width:min(420px,50vw);padding:6px 10px;border:1px solid var(--border);border-radius:6px;background:var(--bg);color:var(--fg)}
button{padding:5px 10px;border:1px solid var(--border);border-radius:6px;background:var(--bg);color:var(--fg);cursor:pointer}
#results{position:absolute;top:44px;left:50%;transform:translateX(-50%);width:min(640px,90vw);max-height:60vh;overflow:auto;background:var(--bg);border:1px solid var(--border);border-radius:8px;box-shadow:0 8px 24px rgba(0,0,0,.2);z-index:10}
#results a{display:block;padding:6px 12px;border-bottom:1px solid var(--border);color:var(--fg)}
#results a:hover,#results a.active{background:var(--panel);text-decoration:none}
#results .kind{display:inline-block;min-width:56px;color:var(--muted);font-size:12px}
#results .sub{color:var(--muted);font-size:12px;margin-left:8px}
.layout{display:flex;min-height:calc(100vh - 45px)}
nav{width:260px;flex:none;border-right:1px solid var(--border);padding:8px 0;overflow:auto;max-height:calc(100vh - 45px);position:sticky;top:45px}
nav a{display:block;padding:2px 16px;color:var(--fg);white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
nav a.current{background:var(--panel);font-weight:600}
nav .group{padding:8px 16px 2px;color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
main{flex:1;min-width:0;padding:16px 24px;overflow-x:auto}
.page{display:none;scroll-margin-top:60px}.page.shown{display:block}
tr{scroll-margin-top:60px}
h2{font-size:22px;margin:0 0 4px}h3{font-size:16px;margin:24px 0 8px;border-bottom:1px solid var(--border);padding-bottom:4px}
.meta{color:var(--muted);margin-bottom:12px}
table.grid{border-collapse:collapse;width:100%;margin:4px 0 12px}
table.grid th,table.grid td{border:1px solid var(--border);padding:4px 8px;text-align:left;vertical-align:top}
table.grid th{background:var(--panel)}
table.grid tr.hit td{background:var(--mark)}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
table.grid td pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:0}
pre{background:var(--panel);border:1px solid var(--border);padding:10px;overflow:auto;border-radius:6px}
.key{font-weight:700;color:var(--warn)}
.note{border-left:3px solid var(--accent);padding:4px 10px;margin:6px 0;background:var(--panel)}
.ai{border-left:3px solid var(--muted);padding:4px 10px;margin:6px 0;color:var(--muted)}
.ai-tag,.note-tag{font-size:11px;font-weight:700;text-transform:uppercase;margin-right:6px}
.sev-error{color:var(--err);font-weight:600}.sev-warning{color:var(--warn);font-weight:600}.sev-info{color:var(--muted)}
#er-view{overflow:auto;border:1px solid var(--border);border-radius:6px;height:calc(100vh - 170px);background:var(--er-bg)}
#er-view svg{display:block}
.er-mini{overflow:auto;border:1px solid var(--border);border-radius:6px;background:var(--er-bg);max-height:70vh}.er-mini svg{display:block}
.toolbar{display:flex;gap:6px;margin:8px 0}
.stats{display:flex;gap:24px;margin:8px 0 16px}.stats div{background:var(--panel);border:1px solid var(--border);border-radius:6px;padding:8px 14px}
.stats b{display:block;font-size:20px}
`

/** Hash router (`#index`, `#er`, `#er/<slug>`, `#t-<slug>`, `#c-<slug>-<n>`), search and the theme toggle. */
export const HTML_JS = `
(function(){
  var root=document.documentElement;
  try{var saved=localStorage.getItem('qg-docs-theme');if(saved)root.dataset.theme=saved}catch(e){}
  if(!root.dataset.theme)root.dataset.theme=matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light';
  document.getElementById('theme').onclick=function(){
    root.dataset.theme=root.dataset.theme==='dark'?'light':'dark';
    try{localStorage.setItem('qg-docs-theme',root.dataset.theme)}catch(e){}
  };
  var pages=document.querySelectorAll('.page');
  function show(id){
    var el=document.getElementById(id)||document.getElementById('index');
    var page=el.closest('.page')||document.getElementById('index');
    pages.forEach(function(p){p.classList.toggle('shown',p===page)});
    document.querySelectorAll('nav a').forEach(function(a){a.classList.toggle('current',a.getAttribute('href')==='#'+page.id)});
    document.querySelectorAll('tr.hit').forEach(function(r){r.classList.remove('hit')});
    if(el!==page){if(el.tagName==='TR')el.classList.add('hit');el.scrollIntoView({block:'center'})}else{window.scrollTo(0,0);requestAnimationFrame(function(){window.scrollTo(0,0)})}
    document.title=(page.dataset.title?page.dataset.title+' · ':'')+TITLE;
  }
  function focusEr(slug){
    show('er');
    document.querySelectorAll('#er-view .er-focus,#er-view .er-hl').forEach(function(x){x.classList.remove('er-focus','er-hl')});
    var g=document.querySelector('#er-view [data-slug="'+CSS.escape(slug)+'"]'),svgEl=document.querySelector('#er-view svg');
    if(svgEl)svgEl.classList.toggle('er-dim',!!g);
    if(g){g.classList.add('er-focus');var id=g.getAttribute('data-id');
      id=CSS.escape(id);document.querySelectorAll('#er-view .er-edge[data-from="'+id+'"],#er-view .er-edge[data-to="'+id+'"]').forEach(function(e){e.classList.add('er-hl');e.parentNode.appendChild(e)});var box=g.getBoundingClientRect(),view=document.getElementById('er-view'),vb=view.getBoundingClientRect();
      view.scrollLeft+=box.left-vb.left-vb.width/2+box.width/2;view.scrollTop+=box.top-vb.top-vb.height/2+box.height/2}
  }
  function route(){
    var h=decodeURIComponent(location.hash.slice(1));
    if(h.indexOf('er/')===0)return focusEr(h.slice(3));
    var s=document.querySelector('#er-view svg');if(s&&h==='er')s.classList.remove('er-dim');
    show(h||'index');
  }
  var TITLE=document.title;
  addEventListener('hashchange',route);route();

  var svg=document.querySelector('#er-view svg'),scale=1;
  if(svg){var w0=+svg.getAttribute('width'),h0=+svg.getAttribute('height');
    function zoom(s){scale=Math.max(0.05,Math.min(4,s));svg.setAttribute('width',w0*scale);svg.setAttribute('height',h0*scale)}
    document.getElementById('zoom-in').onclick=function(){zoom(scale*1.25)};
    document.getElementById('zoom-out').onclick=function(){zoom(scale/1.25)};
    document.getElementById('zoom-fit').onclick=function(){var v=document.getElementById('er-view');zoom(Math.min(v.clientWidth/w0,v.clientHeight/h0))};
    document.getElementById('zoom-reset').onclick=function(){zoom(1)};
  }

  var data=JSON.parse(document.getElementById('search-data').textContent);
  var hay=data.map(function(d){return (d[1]+' '+(d[3]||'')).toLowerCase()});
  var input=document.getElementById('search'),box=document.getElementById('results'),active=0,timer=0;
  function esc(s){return s.replace(/[&<>"]/g,function(c){return {'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]})}
  function rank(d,q){var n=d[1].toLowerCase();return n===q||n.endsWith('.'+q)?0:n.indexOf(q)>=0?1:2}
  function search(){
    var q=input.value.trim().toLowerCase();
    if(!q){box.hidden=true;return}
    var terms=q.split(/\\s+/),hits=[];
    for(var i=0;i<data.length&&hits.length<5000;i++){var h=hay[i],ok=true;
      for(var k=0;k<terms.length;k++)if(h.indexOf(terms[k])<0){ok=false;break}
      if(ok)hits.push(data[i])}
    hits.sort(function(a,b){return rank(a,q)-rank(b,q)||(a[0]==='column'?1:0)-(b[0]==='column'?1:0)||a[1].length-b[1].length});
    hits=hits.slice(0,60);
    active=0;
    box.innerHTML=hits.length?hits.map(function(d,i){return '<a href="#'+d[2]+'"'+(i?'':' class="active"')+'><span class="kind">'+d[0]+'</span>'+esc(d[1])+(d[3]?'<span class="sub">'+esc(d[3].slice(0,80))+'</span>':'')+'</a>'}).join(''):'<a><span class="sub">No matches</span></a>';
    box.hidden=false;
  }
  input.addEventListener('input',function(){clearTimeout(timer);timer=setTimeout(function(){timer=0;search()},data.length>5000?120:30)});
  addEventListener('hashchange',function(){box.hidden=true});
  document.addEventListener('click',function(e){if(e.target!==input&&!box.contains(e.target))box.hidden=true});
  input.addEventListener('focus',function(){if(input.value.trim())search()});
  input.addEventListener('keydown',function(e){if(e.key==='Enter'&&timer){clearTimeout(timer);timer=0;search()}var links=box.querySelectorAll('a[href]');
    if(e.key==='ArrowDown'||e.key==='ArrowUp'){e.preventDefault();if(!links.length)return;links[active]&&links[active].classList.remove('active');
      active=(active+(e.key==='ArrowDown'?1:-1)+links.length)%links.length;links[active].classList.add('active');links[active].scrollIntoView({block:'nearest'})}
    else if(e.key==='Enter'&&links[active]){location.hash=links[active].getAttribute('href');box.hidden=true;input.blur()}
    else if(e.key==='Escape'){box.hidden=true;input.blur()}});
  box.addEventListener('click',function(){box.hidden=true});
  document.addEventListener('keydown',function(e){if(e.key==='/'&&document.activeElement!==input){e.preventDefault();input.focus();input.select()}});
})();
`
