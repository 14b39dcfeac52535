# Independent Python model of bourse's random_source and gbm_bar_generator, written from the published
# splitmix64 / xoshiro256** algorithms and the generator description in docs/data.md. Python floats
# are IEEE doubles without FMA, so it reproduces the C++ output bit for bit; test_random.cpp and
# test_synthetic.cpp compare against the values it prints (run: python3 reference_model.py).
import math
M=(1<<64)-1
def splitmix(state):
    state=(state+0x9e3779b97f4a7c15)&M
    z=state
    z=((z^(z>>30))*0xbf58476d1ce4e5b9)&M
    z=((z^(z>>27))*0x94d049bb133111eb)&M
    return state, z^(z>>31)
def rotl(x,k): return ((x<<k)|(x>>(64-k)))&M
class R:
    def __init__(s,seed):
        s.s=[]
        st=seed
        for i in range(4):
            st,v=splitmix(st); s.s.append(v)
        s.spare=None
    def u64(s):
        a=s.s
        r=(rotl((a[1]*5)&M,7)*9)&M
        t=(a[1]<<17)&M
        a[2]^=a[0]; a[3]^=a[1]; a[1]^=a[2]; a[0]^=a[3]; a[2]^=t; a[3]=rotl(a[3],45)
        return r
    def uniform(s): return (s.u64()>>11)*2.0**-53
    def normal(s):
        if s.spare is not None:
            v=s.spare; s.spare=None; return v
        while True:
            u=2*s.uniform()-1; v=2*s.uniform()-1; q=u*u+v*v
            if q<1 and q!=0: break
        f=math.sqrt(-2*plog(q)/q)
        s.spare=v*f
        return u*f
ln2_hi=6.93147180369123816490e-01; ln2_lo=1.90821492927058770002e-10; inv_ln2=1.44269504088896338700e+00
def pexp(x):
    k=int(x*inv_ln2+(0.5 if x>=0 else -0.5))
    r=(x-k*ln2_hi)-k*ln2_lo
    s=1.0
    for n in range(17,0,-1): s=1.0+r*s/n
    return math.ldexp(s,k)
def plog(x):
    m,e=math.frexp(x)
    if m<0.70710678118654752440: m*=2; e-=1
    t=(m-1)/(m+1); t2=t*t; ser=0.0
    for k in range(12,-1,-1): ser=1.0/(2*k+1)+t2*ser
    return e*ln2_hi+(2*t*ser+e*ln2_lo)
def bars(seed=1,n=5,start_price=100.0,drift=0.05,vol=0.2,bpy=252.0,steps=24,tick_raw=1,tick_prec=2,lot=1.0,meanv=1e6,disp=0.4):
    r=R(seed)
    step_years=1.0/bpy/steps
    sm=(drift-vol*vol/2)*step_years; ss=vol*math.sqrt(step_years); bs=vol*math.sqrt(1.0/bpy)
    lp=plog(start_price)
    tick=tick_raw/10**tick_prec
    def grid(v,step,lo): return int(max(lo,min(math.floor(v/step+0.5),1e15)))
    out=[]
    for i in range(n):
        ol=lp; hi=pexp(ol); lo=hi; o=grid(hi,tick,1)
        for k in range(steps):
            lp+=sm+ss*r.normal()
            p=pexp(lp); hi=max(hi,p); lo=min(lo,p)
        h=grid(hi,tick,1); l=grid(lo,tick,1); c=grid(pexp(lp),tick,1)
        move=abs(lp-ol)/bs
        d=disp
        noise=pexp(d*r.normal()-d*d/2)
        v=meanv*noise*(1+move)/(1+0.79788456080286535588)
        out.append((o,h,l,c,grid(v,lot,0)))
    return out
if __name__=='__main__':
    st,v=splitmix(0); print(hex(v))
    r=R(42); print([hex(r.u64()) for _ in range(3)])
    r=R(42); print([repr(r.normal()) for _ in range(4)])
    print(bars(seed=42,n=10))
    # FNV-1a 64 over first 1000 u64 of seed 7
    h=0xcbf29ce484222325
    r=R(7)
    for i in range(1000):
        x=r.u64()
        for b in range(8):
            h^=(x>>(8*b))&0xff; h=(h*0x100000001b3)&M
    print('fnv u64', hex(h))
    h=0xcbf29ce484222325
    for b in bars(seed=7,n=1000):
        for x in b:
            x&=M
            for k in range(8):
                h^=(x>>(8*k))&0xff; h=(h*0x100000001b3)&M
    print('fnv bars', hex(h))

# The tick generator (synthetic_ticks.cpp), for the checksum in test_synthetic.cpp.
def below(r, bound):
    threshold=((1<<64)-bound)%bound
    while True:
        x=r.u64()
        if x>=threshold: return x%bound
def exponential(r): return -plog(1-r.uniform())
def ticks(seed, symbols, n, start=1704205800*10**9, trade_probability=0.3):
    # symbols: (name, tick_raw, tick_precision, lot_raw, start_price, vol, max_spread, mean_lots, rate)
    seeder=seed; states=[]
    for s in symbols:
        seeder,v=splitmix(seeder)
        states.append(dict(r=R(v), next=start, mid_ts=start, log_mid=plog(s[4]), bid=0, ask=0, quoted=False))
    ns_per_year=365.25*86400*1e9
    def size(st, s):
        extra=math.floor(exponential(st['r'])*s[7])
        return int(min(1+extra, min(1e12, 9e18/s[3])))*s[3]
    out=[]
    for _ in range(n):
        i=min(range(len(states)), key=lambda k:(states[k]['next'],k))
        st=states[i]; s=symbols[i]; ts=st['next']
        if st['quoted'] and st['r'].uniform()<trade_probability:
            at_ask=below(st['r'],2)==1
            t=st['ask'] if at_ask else st['bid']
            out.append((ts,s[0],None,(t*s[1],size(st,s))))
        else:
            years=(ts-st['mid_ts'])/ns_per_year
            sig=s[5]
            st['log_mid']+=-sig*sig/2*years+sig*math.sqrt(years)*st['r'].normal()
            st['mid_ts']=ts
            spread=1+below(st['r'],s[6])
            tick_value=s[1]/10**s[2]
            center=pexp(st['log_mid'])/tick_value
            highest=min(1e15,9e18/s[1])-spread
            bid=math.floor(center+0.5-spread/2)
            st['bid']=int(max(1.0,min(bid,highest))); st['ask']=st['bid']+spread; st['quoted']=True
            bs=size(st,s); asz=size(st,s)
            out.append((ts,s[0],(st['bid']*s[1],st['ask']*s[1],bs,asz),None))
        gap=math.floor(exponential(st['r'])*1e9/s[8])
        st['next']+=int(max(1.0,min(gap,86400*1e9)))
    return out

def tick_checksum():
    syms=[('ACME',1,2,1,50.0,0.3,3,5.0,2.0),('EURUSD',1,5,1000,1.1,0.08,2,5.0,5.0),('BTC-USD',5,1,1,42000.0,0.6,5,5.0,3.0)]
    h=0xcbf29ce484222325
    def add(x):
        nonlocal h
        x&=M
        for k in range(8):
            h^=(x>>(8*k))&0xff; h=(h*0x100000001b3)&M
    for ts,sym,q,t in ticks(3,syms,10000):
        add(ts); add(len(sym))
        add(q[0]*3+q[1] if q else 0)
        add(q[2]*3+q[3] if q else 0)
        add(t[0]*3+t[1] if t else 0)
    return h

if __name__=='__main__':
    print('fnv ticks', tick_checksum(), hex(tick_checksum()))
