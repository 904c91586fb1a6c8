/** Styles and the small client script of the offline HTML docs; inlined so the file needs nothing else. */
import { ERD_SVG_STYLE } from '../../../shared/erd/erd-svg'

export const HTML_CSS = `
${ERD_SVG_STYLE}
:root{--bg:#ffffff;--fg:#1f2328;--muted:#656d76;--border:#d0d7de;--panel:#f6f8fa;--accent:#0969da;--mark:#fff8c5;--warn:#9a6700;--err:#cf222e;
--er-bg:#ffffff;--er-box:#ffffff;--er-border:#8c959f;--er-head:#ddf4ff;--er-text:#1f2328;--er-muted:#656d76;--er-key:#9a6700;--er-edge:#57606a;--er-accent:#0969da;--er-frame:#f6f8fa;--er-frame-hi:#ddf4ff;color-scheme:light}
:root[data-theme=dark]{--bg:#0d1117;--fg:#e6edf3;--muted:#8d96a0;--border:#30363d;--panel:#161b22;--accent:#4493f8;--mark:#3b2e00;--warn:#d29922;--err:#f85149;
--er-bg:#0d1117;--er-box:#161b22;--er-border:#484f58;--er-head:#12263f;--er-text:#e6edf3;--er-muted:#8d96a0;--er-key:#d29922;--er-edge:#8d96a0;--er-accent:#4493f8;--er-frame:#10151c;--er-frame-hi:#12263f;color-scheme:dark}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;background:var(--bg);color:var(--fg)}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
header{position:sticky;top:0;z-index:5;display:flex;gap:12px;align-items:center;padding:8px 16px;background:var(--panel);border-bottom:1px solid var(--border)}
header h1{font-size:16px;margin:0;white-space:nowrap}
header .spacer{flex:1}
#search{width:min(420px,50vw);padding:6px 10px;border:1px solid var(--border);border-radius:6px;background:var(--bg);color:var(--fg)}
button{padding:5px 10px;border:1px solid var(--border);border-radius:6px;background:var(--bg);color:var(--fg);cursor:pointer}
#results{contain:layout paint;will-change:transform;position:absolute;top:44px;left:50%;transform:translateX(-50%);width:min(640px,90vw);max-height:60vh;overflow:auto;background:var(--bg);border:1px solid var(--border);border-radius:8px;box-shadow:0 2px 6px rgba(0,0,0,.18);z-index:10}
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
.er-note{color:var(--muted);margin:4px 0}
nav a.part{padding-left:32px;font-size:13px;color:var(--muted)}
.toolbar{display:flex;gap:6px;margin:8px 0;align-items:center;flex-wrap:wrap}
.toolbar select{padding:4px 6px;border:1px solid var(--border);border-radius:6px;background:var(--bg);color:var(--fg)}
#er-scale{min-width:48px;color:var(--muted);font-variant-numeric:tabular-nums}.hint{color:var(--muted);font-size:12px}
.er-frame{fill:var(--er-frame);stroke:var(--er-border);stroke-width:1.5}
.er-group-label{font:600 28px system-ui,-apple-system,"Segoe UI",sans-serif;fill:var(--er-text)}
.er-overview .er-table text,.er-overview .er-edges,.er-overview .er-head{display:none}
.er-overview .er-table{pointer-events:none}.er-overview .er-group{cursor:zoom-in}.er-overview .er-group:hover .er-frame{fill:var(--er-frame-hi);stroke:var(--er-accent)}
.er-overview .er-box{fill:var(--er-head);stroke:none}
.er-sil rect{fill:var(--er-head);stroke:var(--er-border);stroke-width:1}
.er-group.live .er-sil,.er-group:not(.live) .er-body{display:none}
.er-cross .er-edge{opacity:.45}.er-dim .er-cross .er-edge{opacity:.08}
details summary{cursor:pointer;color:var(--accent)}
#er-cards{height:calc(100vh - 170px);overflow:auto;border:1px solid var(--border);border-radius:6px;padding:10px 12px;background:var(--er-bg)}
.er-card-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:12px}
.er-card{border:1px solid var(--border);border-radius:8px;padding:10px 12px;background:var(--panel);cursor:zoom-in}
.er-card:hover,.er-card:focus{border-color:var(--accent);outline:none}
.er-card-title{font-weight:700;font-size:15px;margin-bottom:2px}.er-card-meta{color:var(--muted);font-size:12px;margin-bottom:6px}
.er-card-row{font-size:13px;margin-top:2px}.er-card-row>span{color:var(--muted)}
.stats{display:flex;gap:24px;margin:8px 0 16px}.stats div{background:var(--panel);border:1px solid var(--border);border-radius:6px;padding:8px 14px}
.stats b{display:block;font-size:20px}
`

/**
 * Hash router (`#index`, `#er`, `#er/<slug>`, `#t-<slug>`, `#c-<slug>-<n>`, `#objects`, `#obj-…`), lazy pages,
 * the ER diagram's zoom / schema filter / overview, search and the theme toggle.
 */
export const HTML_JS = `
(function(){
  var root=document.documentElement,$=function(id){return document.getElementById(id)};
  try{var saved=localStorage.getItem('qg-docs-theme');if(saved)root.dataset.theme=saved}catch(e){}
  if(!root.dataset.theme)root.dataset.theme=matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light';
  $('theme').onclick=function(){
    root.dataset.theme=root.dataset.theme==='dark'?'light':'dark';
    try{localStorage.setItem('qg-docs-theme',root.dataset.theme)}catch(e){}
  };
  var current=document.querySelector('.page.shown');
  /** A lazy page gets its HTML from its <script type="text/html"> the first time it is needed. */
  function fill(page){
    if(!page||!page.hasAttribute('data-lazy'))return page;
    var src=$('src-'+page.id);page.removeAttribute('data-lazy');
    if(src){page.innerHTML=src.textContent;src.remove()}
    return page;
  }
  /** The element an anchor names, filling the page that holds it first. */
  function ensure(id){
    var el=$(id);if(el&&!(el.classList.contains('page')&&el.hasAttribute('data-lazy')))return el;
    var m=/^c-(.*)-\\d+$/.exec(id);
    var page=el&&el.classList.contains('page')?el:m?$('t-'+m[1]):/^obj(ects)?-/.test(id)?$('objects'):null;
    if(page)fill(page);
    return $(id);
  }
  // For tests and scripts: fill a page by anchor; build the ER diagram.
  window.qgDocs={ensure:ensure,openEr:function(){erOpen()}};
  function show(id){
    var el=ensure(id)||$('index');
    var page=el.closest('.page')||$('index');
    if(current!==page){if(current)current.classList.remove('shown');page.classList.add('shown');current=page}
    document.querySelectorAll('nav a.current').forEach(function(a){a.classList.remove('current')});
    var navLink=document.querySelector('nav a[href="#'+CSS.escape(page.id)+'"]');if(navLink)navLink.classList.add('current');
    document.querySelectorAll('tr.hit').forEach(function(r){r.classList.remove('hit')});
    if(el!==page){if(el.tagName==='TR')el.classList.add('hit');el.scrollIntoView({block:'center'})}else{window.scrollTo(0,0);requestAnimationFrame(function(){window.scrollTo(0,0)})}
    document.title=(page.dataset.title?page.dataset.title+' · ':'')+TITLE;
    if(page.id==='er')erOpen();
  }

  // ER diagram: built from its inert source on first view. Below READABLE the boxes lose their text and the
  // frames (schemas, clusters) carry big labels: Fit shows that overview instead of text too small to read.
  // A grouped diagram (big schemas) holds only frames and plain rectangles; a frame's tables are parsed from
  // their own source when it is zoomed into view.
  var READABLE=0.7,er=null,view=$('er-view'),select=$('er-schema'),pending=0;
  var attrN=function(el,a){return +el.getAttribute(a)};
  function erOpen(){
    if(er)return er;
    var src=$('src-er-view');view.innerHTML=src?src.textContent:'';if(src)src.remove();
    var svg=view.querySelector('svg');er={svg:svg,scale:1};
    if(!svg)return er;
    er.grouped=svg.classList.contains('er-grouped');
    er.full=svg.getAttribute('viewBox').split(' ').map(Number);
    er.groups=Array.prototype.slice.call(svg.querySelectorAll('.er-group'));
    er.labels=er.groups.map(function(g){return g.querySelector('.er-group-label')});
    er.edges=Array.prototype.slice.call(svg.querySelectorAll('path.er-edge'));
    er.schemaOf={};
    if(er.grouped)er.groups.forEach(function(g){g.querySelectorAll('.er-sil rect').forEach(function(r){er.schemaOf[r.getAttribute('data-i')]=g.getAttribute('data-schema')})});
    else{er.tables=Array.prototype.slice.call(svg.querySelectorAll('g.er-table'));er.tables.forEach(function(g){er.schemaOf[g.getAttribute('data-id')]=g.getAttribute('data-schema')})}
    svg.addEventListener('click',function(e){
      if(!svg.classList.contains('er-overview'))return;
      var g=e.target.closest&&e.target.closest('.er-group');if(!g)return;
      e.preventDefault();zoomToGroup(g);
    });
    view.addEventListener('scroll',function(){if(er.grouped&&!pending)pending=requestAnimationFrame(function(){pending=0;live()})});
    er.cards=$('er-cards');
    if(er.cards)er.cards.addEventListener('click',function(e){
      if(e.target.closest('a'))return;
      var c=e.target.closest('.er-card');if(!c)return;
      zoomToGroup(svg.querySelector('.er-group[data-group="'+c.getAttribute('data-group')+'"]'));
    });
    setBox(er.full);fit();
    return er;
  }
  function setBox(b){er.box=b;er.svg.setAttribute('viewBox',b.join(' '));er.w0=b[2];er.h0=b[3]}
  /** Grouped diagrams: frames in (or near) view get their tables, the others stay rectangles. */
  function live(){
    var overview=er.scale<READABLE,s=er.scale,x0=view.scrollLeft/s+er.box[0]-300,y0=view.scrollTop/s+er.box[1]-300,x1=x0+view.clientWidth/s+600,y1=y0+view.clientHeight/s+600;
    er.groups.forEach(function(g){
      var on=!overview&&g.style.display!=='none'&&attrN(g,'data-x')<x1&&attrN(g,'data-x')+attrN(g,'data-w')>x0&&attrN(g,'data-y')<y1&&attrN(g,'data-y')+attrN(g,'data-h')>y0;
      if(on&&!g.dataset.loaded){var src=$('src-'+g.getAttribute('data-part'));g.querySelector('.er-body').innerHTML=src?src.textContent:'';if(src)src.remove();g.dataset.loaded='1'}
      g.classList.toggle('live',on);
    });
  }
  function zoom(s){
    if(!er||!er.svg)return;
    er.scale=s=Math.max(0.02,Math.min(4,s));
    er.svg.setAttribute('width',Math.round(er.w0*s));er.svg.setAttribute('height',Math.round(er.h0*s));
    var overview=s<READABLE;er.svg.classList.toggle('er-overview',overview);
    // Grouped: below the readable size the cards stand for the drawing.
    if(er.cards){er.cards.hidden=!overview;view.hidden=overview}
    er.labels.forEach(function(l,i){var g=er.groups[i],w=attrN(g,'data-w'),n=l.textContent.length;
      var size=Math.max(28,overview?Math.min(16/s,w/(n*0.62)):28);l.style.fontSize=size.toFixed(1)+'px';l.setAttribute('y',attrN(g,'data-y')+size*1.25)});
    $('er-scale').textContent=Math.round(s*100)+'%';
    $('er-hint').textContent=overview?(er.cards?'Overview: click a group to see its tables':'Zoom in to read the tables'):'';
    if(er.grouped)live();
  }
  function visibleGroups(){return er.groups.filter(function(g){return g.style.display!=='none'})}
  /** Fit: the whole (filtered) diagram if its text stays readable; else the frames' overview; a single big frame at the smallest readable size. */
  function fit(){
    if(!er||!er.svg)return;
    if(er.cards){view.hidden=false;er.cards.hidden=true}
    var s=Math.min(view.clientWidth/er.w0,view.clientHeight/er.h0);
    if(s>=READABLE)zoom(Math.min(s,1));
    else if(visibleGroups().length>1)zoom(s);
    else{view.scrollLeft=0;view.scrollTop=0;zoom(READABLE)}
  }
  function zoomToGroup(g){
    if(er.cards){er.cards.hidden=true;view.hidden=false}
    var x=attrN(g,'data-x'),y=attrN(g,'data-y'),w=attrN(g,'data-w'),h=attrN(g,'data-h');
    var s=Math.max(READABLE,Math.min(1,view.clientWidth/w,view.clientHeight/h));
    er.scale=s;er.svg.setAttribute('width',Math.round(er.w0*s));er.svg.setAttribute('height',Math.round(er.h0*s));
    view.scrollLeft=(x-er.box[0])*s-8;view.scrollTop=(y-er.box[1])*s-8;
    zoom(s);
  }
  function filter(schema){
    if(!er||!er.svg)return;
    var on=function(id){return !schema||er.schemaOf[id]===schema};
    if(er.tables)er.tables.forEach(function(g){g.style.display=on(g.getAttribute('data-id'))?'':'none'});
    er.edges.forEach(function(e){e.style.display=on(e.getAttribute('data-from'))&&on(e.getAttribute('data-to'))?'':'none'});
    er.groups.forEach(function(g){g.style.display=!schema||g.getAttribute('data-schema')===schema?'':'none'});
    if(er.cards)er.cards.querySelectorAll('.er-card').forEach(function(c){c.hidden=!!schema&&c.getAttribute('data-schema')!==schema});
    if(!schema){setBox(er.full);fit();return}
    var x0=Infinity,y0=Infinity,x1=-Infinity,y1=-Infinity,grow=function(x,y,w,h){x0=Math.min(x0,x);y0=Math.min(y0,y);x1=Math.max(x1,x+w);y1=Math.max(y1,y+h)};
    var gs=visibleGroups();
    if(gs.length)gs.forEach(function(g){grow(attrN(g,'data-x'),attrN(g,'data-y'),attrN(g,'data-w'),attrN(g,'data-h'))});
    else er.tables.forEach(function(g){if(g.style.display==='none')return;var m=/translate\\(([-\\d.]+),([-\\d.]+)\\)/.exec(g.getAttribute('transform')),r=g.querySelector('rect');grow(+m[1],+m[2],attrN(r,'width'),attrN(r,'height'))});
    if(x0===Infinity)return;
    setBox([x0-20,y0-20,Math.ceil(x1-x0+60),Math.ceil(y1-y0+40)]);fit();
  }
  if(select)select.onchange=function(){erOpen();filter(select.value)};
  function focusEr(slug){
    show('er');
    if(!er||!er.svg)return;
    er.svg.querySelectorAll('.er-focus,.er-hl').forEach(function(x){x.classList.remove('er-focus','er-hl')});
    var sil=er.grouped?er.svg.querySelector('.er-sil [data-s="'+CSS.escape(slug)+'"]'):null;
    var g=sil||er.svg.querySelector('[data-slug="'+CSS.escape(slug)+'"]');
    er.svg.classList.toggle('er-dim',!!g);
    if(!g)return;
    var hidden=sil?sil.closest('.er-group').style.display==='none':g.style.display==='none';
    if(hidden){if(select)select.value='';filter('')}
    if(er.scale<READABLE)zoom(1);
    var x,y,w,h;
    if(sil){x=attrN(sil,'x');y=attrN(sil,'y');w=attrN(sil,'width');h=attrN(sil,'height')}
    else{var m=/translate\\(([-\\d.]+),([-\\d.]+)\\)/.exec(g.getAttribute('transform')),r=g.querySelector('rect');x=+m[1];y=+m[2];w=attrN(r,'width');h=attrN(r,'height')}
    view.scrollLeft=(x+w/2-er.box[0])*er.scale-view.clientWidth/2;view.scrollTop=(y+h/2-er.box[1])*er.scale-view.clientHeight/2;
    if(er.grouped)live();
    g=er.svg.querySelector('g.er-table[data-slug="'+CSS.escape(slug)+'"]');if(!g)return;
    g.classList.add('er-focus');var id=CSS.escape(g.getAttribute('data-id'));
    er.svg.querySelectorAll('.er-edge[data-from="'+id+'"],.er-edge[data-to="'+id+'"]').forEach(function(e){e.classList.add('er-hl');e.parentNode.appendChild(e)});
  }
  function route(){
    var h=decodeURIComponent(location.hash.slice(1));
    if(h.indexOf('er/')===0)return focusEr(h.slice(3));
    if(h==='er'&&er&&er.svg)er.svg.classList.remove('er-dim');
    show(h||'index');
  }
  $('zoom-in').onclick=function(){erOpen();if(er.cards&&er.scale<READABLE){var g=visibleGroups()[0];if(g)return zoomToGroup(g)}zoom(er.scale*1.25)};
  $('zoom-out').onclick=function(){erOpen();zoom(er.scale/1.25)};
  $('zoom-fit').onclick=function(){erOpen();fit()};
  $('zoom-reset').onclick=function(){erOpen();zoom(1)};
  var TITLE=document.title;
  addEventListener('hashchange',route);route();

  // Search: the index is parsed once (at idle or on first use) into one lowercased text; a query scans it with
  // indexOf, so a keystroke costs a few milliseconds on 10,000 entries.
  var idx=null,input=$('search'),box=$('results'),active=0;
  var KIND={t:'table',v:'view',c:'column',r:'routine',s:'sequence',y:'type'};
  function index(){
    if(idx)return idx;
    var d=JSON.parse($('search-data').textContent),n=d.l.length,parts=new Array(n),starts=new Int32Array(n+1),names=new Array(n),pos=0;
    for(var i=0;i<n;i++){names[i]=d.l[i].toLowerCase();parts[i]=names[i]+' '+d.d[i].toLowerCase();starts[i]=pos;pos+=parts[i].length+1}
    starts[n]=pos;
    return idx={k:d.k,l:d.l,a:d.a,d:d.d,names:names,hay:parts.join('\\n'),starts:starts,n:n};
  }
  if(window.requestIdleCallback)requestIdleCallback(function(){index()},{timeout:1500});else setTimeout(index,300);
  function entryAt(p){var lo=0,hi=idx.n-1;while(lo<hi){var mid=(lo+hi+1)>>1;if(idx.starts[mid]<=p)lo=mid;else hi=mid-1}return lo}
  function esc(s){return s.replace(/[&<>"]/g,function(c){return {'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]})}
  function search(){
    var q=input.value.trim().toLowerCase();
    if(!q){box.hidden=true;return}
    index();
    var terms=q.split(/\\s+/).sort(function(a,b){return b.length-a.length}),first=terms[0],hay=idx.hay,hits=[],p=0;
    while((p=hay.indexOf(first,p))>=0){
      var i=entryAt(p),ok=true,text=null;
      for(var k=1;k<terms.length;k++){text=text||hay.slice(idx.starts[i],idx.starts[i+1]-1);if(text.indexOf(terms[k])<0){ok=false;break}}
      if(ok){var nm=idx.names[i],r=nm===q||nm.endsWith('.'+q)?0:nm.indexOf(q)>=0?1:2;hits.push((r*2+(idx.k[i]==='c'?1:0))*1e9+nm.length*1e5+i)}
      p=idx.starts[i+1];
    }
    hits=Array.prototype.slice.call(Float64Array.from(hits).sort(),0,60);
    active=0;
    box.innerHTML=hits.length?hits.map(function(h,j){var i=h%1e5,d=idx.d[i];return '<a href="#'+esc(idx.a[i])+'"'+(j?'':' class="active"')+'><span class="kind">'+KIND[idx.k[i]]+'</span>'+esc(idx.l[i])+(d?'<span class="sub">'+esc(d.slice(0,80))+'</span>':'')+'</a>'}).join(''):'<a><span class="sub">No matches</span></a>';
    box.hidden=false;
  }
  input.addEventListener('input',search);
  addEventListener('hashchange',function(){box.hidden=true});
  document.addEventListener('click',function(e){if(e.target!==input&&!box.contains(e.target))box.hidden=true});
  input.addEventListener('focus',function(){if(input.value.trim())search()});
  input.addEventListener('keydown',function(e){var links=box.querySelectorAll('a[href]');
    if(e.key==='ArrowDown'||e.key==='ArrowUp'){e.preventDefault();if(!links.length)return;links[active]&&links[active].classList.remove('active');
      active=(active+(e.key==='ArrowDown'?1:-1)+links.length)%links.length;links[active].classList.add('active');links[active].scrollIntoView({block:'nearest'})}
    else if(e.key==='Enter'&&links[active]){location.hash=links[active].getAttribute('href');box.hidden=true;input.blur()}
    else if(e.key==='Escape'){box.hidden=true;input.blur()}});
  box.addEventListener('click',function(){box.hidden=true});
  document.addEventListener('keydown',function(e){if(e.key==='/'&&document.activeElement!==input){e.preventDefault();input.focus();input.select()}});
})();
`
