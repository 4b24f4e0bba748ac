package dev.ktel.collectors.kmsg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.core.event.Event;
import dev.ktel.core.event.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every example of the kmsg corpus (shared/fixtures/kmsg, 169 examples in 19 families, kernels 2.6 to 6.19),
 * classified with the fields its family's README section asks for. One table per family: for each example the
 * typed events it must yield, in order, as {@code type key=value;key=value}, several separated by {@code " | "}.
 * Events not named in a row may occur in between (context lines become {@code log} events).
 */
class KernelEventClassifierCorpusTest {

    @Test
    void oom() {
        family("oom.log", 9,
                "1: oom_kill pid=11726;uid=498;comm=mysqld;total_vm_kb=7823732;anon_rss_kb=2539268;file_rss_kb=768",
                "2: oom_kill trigger_comm=mysqld;gfp_mask=0x201da;order=0;trigger_oom_score_adj=0;cpuset=/;"
                        + "mems_allowed=0;scope=global;pid=30705;comm=mysqld;score=43;trigger_pid=30714",
                "3: oom_kill scope=global;pid=27438;comm=R;score=31;total_vm_kb=38349780;anon_rss_kb=1041924;"
                        + "file_rss_kb=4;shmem_rss_kb=0",
                "4: oom_kill trigger_comm=stress;gfp_mask=0x14000c0;gfp_flags=GFP_KERNEL;trigger_oom_score_adj=939;"
                        + "scope=memcg;constraint=CONSTRAINT_MEMCG;pid=32308;comm=stress;anon_rss_kb=99620;"
                        + "file_rss_kb=192;memcg_usage_kb=125952;memcg_limit_kb=125952;memcg_failcnt=3632;"
                        + "oom_memcg=/kubepods/burstable/podbc001ffa-68fc-11e9-92d7-5ef9efd9374c;"
                        + "task_memcg=/kubepods/burstable/podbc001ffa-68fc-11e9-92d7-5ef9efd9374c/"
                        + "a2ed67c63e828da3849bf9f506ae2b36b4dac5b402a57f2981c9bdc07b23e672;"
                        + "reaped=true;reaped_anon_rss_kb=0;@cgroup=/kubepods/burstable/"
                        + "podbc001ffa-68fc-11e9-92d7-5ef9efd9374c/a2ed67c63e828da3849bf9f506ae2b36b4dac5b402a57f2981c9bdc07b23e672",
                "5: oom_kill constraint=CONSTRAINT_NONE;nodemask=(null);pid=27368;comm=chromium;uid=1000;scope=global;"
                        + "anon_rss_kb=647056;shmem_rss_kb=7452;pgtables_kb=5304;oom_score_adj=300;reaped=true;"
                        + "reaped_shmem_rss_kb=6836",
                "6: oom_kill trigger_comm=bash;gfp_flags=GFP_KERNEL;trigger_oom_score_adj=1000;"
                        + "constraint=CONSTRAINT_MEMCG;oom_memcg=/kubepods.slice;pid=7788;comm=bash;uid=0;"
                        + "anon_rss_kb=7165824;memcg_limit_kb=7464436;memcg_failcnt=1133;oom_score_adj=1000;"
                        + "cpuset=cri-containerd-9192cb33411ff69d015a3577db136757f5b145064a1703efea3d0e12e8a64987.scope"
                        + " | oom_kill pid=7620;comm=nginx;uid=0;oom_group=/kubepods.slice/kubepods-besteffort.slice/"
                        + "kubepods-besteffort-poda5d8fdd1_1369_469e_8a7d_2c1047529435.slice/"
                        + "cri-containerd-9192cb33411ff69d015a3577db136757f5b145064a1703efea3d0e12e8a64987.scope"
                        + " | oom_kill pid=7656;comm=nginx;uid=101 | oom_kill pid=7657;comm=nginx"
                        + " | oom_kill pid=7712;comm=bash | oom_kill pid=7788;comm=bash;file_rss_kb=44",
                "7: oom_kill trigger_comm=python3;gfp_mask=0xcc0;order=0;constraint=CONSTRAINT_MEMCG;"
                        + "oom_memcg=/corpus_oom;task_memcg=/corpus_oom;pid=18886;comm=python3;uid=0;total_vm_kb=45264;"
                        + "anon_rss_kb=32512;file_rss_kb=5740;shmem_rss_kb=0;pgtables_kb=120;oom_score_adj=0;"
                        + "memcg_usage_kb=32768;memcg_limit_kb=32768;memcg_failcnt=1075;kernel=6.18.44-fc-v782;"
                        + "scope=memcg;@cgroup=/corpus_oom",
                "8: oom_kill pid=18886;comm=python3;task_memcg=/corpus_oom;constraint=CONSTRAINT_MEMCG;anon_rss_kb=32512;"
                        + "@severity=err;@sequence=812;@cgroup=/corpus_oom",
                "9: oom_kill trigger_comm=tail;pid=12041;comm=tail;task_memcg=/scn_oom_12027;anon_rss_kb=65024;"
                        + "memcg_limit_kb=65536;@cgroup=/scn_oom_12027");
    }

    @Test
    void hungTask() {
        family("hung_task.log", 9,
                "1: hung_task comm=DDRace64-Server;pid=27090;seconds=120;state=D;ppid=3047",
                "2: hung_task comm=getty;pid=2986;seconds=120;tainted=false;state=D;ppid=1",
                "3: hung_task comm=glusterfsd;pid=26120;seconds=120;state=D;ppid=26119",
                "4: hung_task comm=syz-executor2;pid=14507;state=D;ppid=3322;kernel=4.9.40-ged32335",
                "5: hung_task comm=logrotate;pid=17344;state=D;tainted=false",
                "6: log @message=systemd[1]: systemd-journald.service: State 'stop-sigabrt' timed out. Terminating."
                        + " | hung_task comm=systemd-journal;pid=1729;seconds=180;tainted=true;taint=GWI;state=D;ppid=1",
                "7: hung_task comm=kworker/2:1;pid=5747;taint=GWE | hung_task comm=ntpd;pid=11794"
                        + " | hung_task comm=snmpd;pid=12767 | hung_task comm=zebra;pid=13083"
                        + " | hung_task comm=fpmsyncd;pid=13094",
                "8: hung_task comm=syz-fuzzer;pid=4433;seconds=143;state=D;ppid=4402;tainted=false;"
                        + "stack=__switch_to,__schedule,schedule,rwsem_down_write_slowpath,down_write,"
                        + "register_netdevice_notifier,bcm_init,can_create",
                "9: hung_task comm=udevd;pid=5612;seconds=143;io_wait=true;state=D;ppid=4302;taint=GL");
    }

    @Test
    void softLockup() {
        family("soft_lockup.log", 7,
                "1: soft_lockup cpu=2;seconds=22;comm=SimpleCacheWork;pid=8140;panic=false",
                "2: soft_lockup cpu=1;seconds=123;comm=syz-executor694;pid=3996;tainted=false",
                "3: soft_lockup cpu=1;seconds=134;comm=syz-executor738;pid=4553",
                "4: soft_lockup cpu=0;seconds=186;comm=kworker/u3:3;pid=2073;taint=GW",
                "5: soft_lockup cpu=2;seconds=22;comm=chia_plot;pid=29632;@severity=emerg",
                "6: soft_lockup cpu=2;seconds=23;comm=kworker/2:1;pid=25629;panic=true;"
                        + "panic_reason=softlockup: hung tasks;taint=GOEL",
                "7: soft_lockup cpu=1;seconds=22;comm=cc1plus;pid=171665;panic=false");
    }

    @Test
    void hardLockup() {
        family("hard_lockup.log", 7,
                "1: hard_lockup cpu=1;panic=true;comm=influxd;pid=5121;taint=PFO",
                "2: hard_lockup panic=true;panic_reason=Hard LOCKUP;cpu=0;comm=dockerd-current",
                "3: hard_lockup cpu=0;panic=false | hard_lockup cpu=1 | hard_lockup cpu=0 | hard_lockup cpu=3"
                        + " | hard_lockup cpu=2",
                "4: hard_lockup detected_from=stack;panic=false;@severity=emerg",
                "5: hard_lockup cpu=59;panic=false;comm=watchdog/59",
                "6: hard_lockup cpu=1;panic=false;comm=swapper/1;taint=GOE",
                "7: log @message=lkdtm: Performing direct entry HARDLOCKUP | hard_lockup cpu=87;panic=false");
    }

    @Test
    void rcuStall() {
        family("rcu_stall.log", 8,
                "1: rcu_stall flavor=rcu_sched;detection=other;cpus=0;jiffies=105060 | rcu_stall cpus=1;jiffies=15000"
                        + " | rcu_stall cpus=1;jiffies=60031 | rcu_stall cpus=2 | rcu_stall cpus=2;detected_by=7;"
                        + "jiffies=15002 | rcu_stall cpus=7 | rcu_stall cpus=6 | rcu_stall cpus=5 | rcu_stall cpus=1"
                        + " | rcu_stall cpus=2 | rcu_stall cpus=3",
                "2: rcu_stall flavor=rcu_sched;cpus=0;detected_by=1;jiffies=5252;gp=825;q=1",
                "3: rcu_stall flavor=rcu_sched;detection=self;cpus=0;jiffies=65000;gp=3400;q=180",
                "4: rcu_stall detection=other;cpus=1;detected_by=0;jiffies=38227;gp=-1127;q=10;"
                        + "kthread_starved_jiffies=38227",
                "5: rcu_stall cpus=0;detected_by=1;jiffies=5252;false_positive_hint=true;kthread_starved_jiffies=5252",
                "6: rcu_stall detection=self;cpus=1;jiffies=2603;gp=52717;q=8",
                "7: rcu_stall detection=self;cpus=0;jiffies=10502;kthread_starved_jiffies=10494",
                "8: rcu_stall detection=other;cpus=1,2,6,7,9,10,13,14,15;detected_by=3;jiffies=39421;ncpus=32;q=390");
    }

    @Test
    void segfault() {
        family("segfault.log", 9,
                "1: segfault comm=sniproxy;pid=7827;address=1000;ip=00007fbbeed70cba;sp=00007fff7179ecc0;error=4;"
                        + "access=read;user_mode=true;object=libc-2.13.so;object_base=7fbbeed2b000;object_size=182000"
                        + " | segfault pid=7864 | segfault pid=7915",
                "2: log ratelimited=__ratelimit;suppressed=66 | segfault comm=sniproxy;pid=28708;ip=(null);error=14;"
                        + "access=write;object=sniproxy;object_base=8048000",
                "3: segfault comm=log-user-sessio;pid=66297;object=log-user-session;object_base=400000"
                        + " | segfault pid=66448 | segfault pid=66951",
                "4: segfault comm=turnserver;pid=15494;address=bd;object=libc-2.23.so",
                "5: segfault comm=ipt2socks;pid=23624;address=7f743ba13998;@lines=2"
                        + " | general_protection mode=user;comm=ipt2socks;pid=9184;ip=40af4f;error=0;object=ipt2socks"
                        + " | segfault pid=11556;error=6;access=write;@lines=2 | segfault pid=15770;@lines=2",
                "6: segfault comm=systemd;pid=1;object=libc.so.6;@lines=2 | segfault pid=1;"
                        + "object=libsystemd-shared-249.so | segfault pid=1;address=0",
                "7: segfault comm=xskxceiver;pid=1440;address=1da718;error=6;object=libc.so.6;object_offset=61c9d;"
                        + "object_base=7f4161aaf000;object_size=160000;cpu=6;core=0;socket=6;@lines=4"
                        + " | segfault pid=1441;object=xskxceiver;object_offset=42b5;cpu=3;socket=3;@lines=4",
                "8: segfault comm=segv_demo;pid=18786;address=0;ip=000055e3b360e132;error=6;access=write;"
                        + "object=segv_demo;object_offset=1132;object_base=55e3b360e000;object_size=1000;cpu=0;@lines=2",
                "9: segfault comm=segv_demo;pid=18786;object_offset=1132;cpu=0;core=0;socket=0;@sequence=809;@lines=2");
    }

    @Test
    void generalProtection() {
        family("general_protection.log", 10,
                "1: general_protection mode=user;trap=general protection;comm=ls;pid=6598;ip=7fc701007c85;"
                        + "sp=7ffc7f0f5248;error=0;object=libc-2.17.so",
                "2: general_protection mode=kernel;error_code=0000;oops_number=1;oops_flags=PREEMPT SMP KASAN;cpu=1;"
                        + "pid=3377;comm=syzkaller685434;function=__lock_acquire;end_trace=ba8c3c110e6701ba;"
                        + "@severity=crit",
                "3: general_protection mode=kernel;error_code=0031;oops_flags=SMP PTI",
                "4: general_protection mode=kernel;comm=syz-executor.0;pid=3769;panic=true;"
                        + "panic_reason=Fatal exception in interrupt",
                "5: general_protection mode=user;trap=general protection fault;comm=pcm-sensor-serv;pid=8542"
                        + " | general_protection pid=9249 | nic_link device=cali2df86566d7a;state=up"
                        + " | general_protection pid=10349",
                "6: general_protection mode=kernel;address=0xdffffc0000000000;comm=syz-executor.0;pid=6734;cpu=3;"
                        + "function=nl802154_add_llsec_key",
                "7: general_protection mode=user;comm=pound;pid=26228;object=libtcmalloc.so.4.5.9",
                "8: general_protection mode=kernel;address=0xdffffc0000000004;comm=syz-executor187;pid=5827;"
                        + "function=__se_sys_mremap;panic=true;end_trace=0000000000000000",
                "9: general_protection mode=user;comm=vlc;pid=3625;object=libavcodec.so.60.3.100"
                        + " | general_protection pid=3695 | general_protection pid=3751",
                "10: general_protection mode=kernel;address=0x6d255010bdffc;comm=xskxceiver;pid=1439;cpu=7;"
                        + "oops_flags=SMP NOPTI;function=lookup_swap_cgroup_id");
    }

    @Test
    void trapDivide() {
        family("trap_divide.log", 9,
                "1: user_trap trap=invalid opcode;comm=systemd-udevd;pid=246;ip=7fb634dc4a54;object=libblkid.so.1.1.0"
                        + " | user_trap comm=xbmc.bin;pid=1272 | user_trap pid=1328",
                "2: log ratelimited=do_trap;suppressed=32 | divide_error mode=user;trap=divide error;"
                        + "comm=Cameras IPC;pid=21956;ip=7f468ab08c43;sp=7f466bd05680;error=0;object=libxul.so;"
                        + "object_size=57d7000 | divide_error pid=22025",
                "3: divide_error comm=rtpengine;pid=2161;object=rtpengine;object_base=561fefa7b000;@lines=2"
                        + " | divide_error pid=31672;object=rtpengine;@lines=2",
                "4: divide_error comm=python;pid=7276;object=libcapmds.so",
                "5: divide_error mode=kernel;trap=divide error;error_code=0000;oops_number=1;cpu=1;pid=6855;"
                        + "comm=syz-executor857;function=tabledist.part.0;end_trace=95c854ea04de1591;@severity=crit",
                "6: divide_error mode=kernel;comm=aplay;pid=1594;function=sof_ipc4_pcm_delay;module=snd_sof",
                "7: divide_error comm=adaptivemmd;pid=3239587 | divide_error pid=3243499",
                "8: divide_error comm=divzero;pid=18793;ip=55bf8261d15a;object=divzero;object_offset=115a;"
                        + "object_base=55bf8261d000;object_size=1000",
                "9: divide_error comm=divzero;pid=18793;object_offset=115a;@sequence=811;@severity=warning");
    }

    @Test
    void blockIo() {
        family("block_io.log", 11,
                "1: block_io_error prefix=end_request;error=I/O error;device=sda;sector=324949408"
                        + " | fs_error fs=ext4;kind=warning;device=dm-1;function=ext4_end_bio;line=316",
                "2: block_io_error prefix=blk_update_request;device=sda;sector=311 | block_io_error sector=551"
                        + " | log ratelimited=buffer_io_error;suppressed=230"
                        + " | block_io_error error=Buffer I/O error;device=sda1;logical_block=244;"
                        + "what=lost async page write",
                "3: block_io_error prefix=blk_update_request;device=sda;sector=2638217543",
                "4: block_io_error prefix=print_req_error;device=sda;sector=582845656",
                "5: block_io_error prefix=print_req_error;device=sdc;sector=1098288304;flags=0"
                        + " | block_io_error sector=1098288304 | block_io_error sector=1069354096"
                        + " | block_io_error sector=1069356760",
                "6: block_io_error prefix=blk_update_request;device=sdb;sector=93827644;op=READ;flags=0x80700;"
                        + "phys_seg=5;prio_class=0",
                "7: block_io_error device=sda;sector=6192120;op=WRITE;flags=0x100000;phys_seg=3"
                        + " | block_io_error sector=705106264 | block_io_error sector=705108904",
                "8: block_io_error device=nvme0n1;sector=131209936;op=READ;phys_seg=25;prio_class=0"
                        + " | block_io_error sector=4217392;op=WRITE;prio_class=2"
                        + " | block_io_error error=Buffer I/O error;device=nvme0n1p1;logical_block=1066386"
                        + " | fs_error fs=jbd2;kind=journal_abort;device=nvme0n1p1",
                "9: block_io_error device=sda;sector=58964736;op=READ;prio_class=2"
                        + " | block_io_error sector=60883712;flags=0x80700;phys_seg=9",
                "10: fs_error fs=squashfs;detail=zlib decompression failed, data probably corrupt"
                        + " | block_io_error device=loop1;sector=768;op=READ;flags=0x80700;phys_seg=23;prio_class=2"
                        + " | block_io_error error=Buffer I/O error;device=loop1;logical_block=768;what=async page read"
                        + " | block_io_error device=loop1;sector=770",
                "11: block_io_error device=loop1;sector=768;op=READ;@sequence=922;@severity=err"
                        + " | block_io_error error=Buffer I/O error;device=loop1;logical_block=768;@sequence=926");
    }

    @Test
    void fsError() {
        family("fs_error.log", 14,
                "1: block_io_error device=sda1;logical_block=4544114 | fs_error fs=jbd2;kind=journal_abort;device=sda1"
                        + " | fs_error fs=jbd2;kind=journal_error;device=sda1"
                        + " | fs_error fs=ext4;kind=error;device=sda1;function=ext4_journal_check_start;line=56;"
                        + "detail=Detected aborted journal | fs_error kind=remount_ro;read_only=true;device=sda1"
                        + " | fs_error function=ext4_wait_block_bitmap;line=471;comm=seedlink"
                        + " | fs_error kind=error_summary;detail=error count: 6",
                "2: fs_error fs=ext4;device=dm-25;detail=previous I/O error to superblock detected"
                        + " | fs_error function=ext4_journal_check_start | fs_error kind=remount_ro;device=dm-25",
                "3: fs_mount fs=xfs;device=dm-1;kind=mount | fs_error fs=xfs;device=dm-7;kind=io"
                        + " | fs_error device=dm-7;kind=log;detail=log mount failed | fs_mount device=dm-5;kind=mount",
                "4: fs_error fs=xfs;device=dm-0;kind=log;detail=xfs_log_force: error -5 returned.",
                "5: fs_error fs=xfs;device=dm-4;kind=corruption | fs_error kind=shutdown;shutdown=true;"
                        + "detail=I/O Error Detected. Shutting down filesystem"
                        + " | fs_error kind=shutdown;detail=Please umount the filesystem and rectify the problem(s)",
                "6: fs_error fs=xfs;device=vda4;kind=io | fs_error kind=corruption;"
                        + "detail=First 128 bytes of corrupted metadata buffer:;@lines=9 | fs_error kind=io",
                "7: fs_error fs=ext4;device=sdd1;comm=rsync;function=ext4_journal_check_start;line=83"
                        + " | fs_error kind=remount_ro | log ratelimited=EXT4-fs error;suppressed=1267",
                "8: fs_error device=mmcblk0p2;kind=error | fs_error comm=rs:main Q:Reg;detail=Detected aborted journal"
                        + " | fs_error comm=journal-offline | fs_error comm=systemd-journal"
                        + " | fs_error comm=.NET TP Worker | fs_error kind=remount_ro;device=mmcblk0p2",
                "9: block_io_error device=loop1;sector=1314944;op=WRITE"
                        + " | fs_error fs=ext4;kind=warning;device=loop1;function=ext4_end_bio;line=343"
                        + " | block_io_error error=Buffer I/O error;device=loop1;logical_block=164368"
                        + " | fs_error fs=ext4;kind=error;function=ext4_check_bdev_write_error;comm=rs:main Q:Reg;"
                        + "@severity=crit",
                "10: fs_mount fs=xfs;device=sdb5;kind=mount | fs_error fs=xfs;device=sdb6;kind=log;"
                        + "detail=log I/O error -5;@severity=alert | fs_error kind=shutdown;shutdown=true;"
                        + "detail=Filesystem has been shut down due to log error (0x2).",
                "11: fs_mount fs=ext4;device=loop0;kind=mount;uuid=9fcbf4c7-ccab-4e00-a305-f12ce15df997"
                        + " | fs_error fs=ext4;device=loop0;function=ext4_ext_check_inode;line=528;inode=13;comm=cat"
                        + " | fs_mount kind=unmount | fs_error inode=12;comm=losetup",
                "12: fs_error fs=ext4;device=loop0;inode=13;comm=cat;@sequence=906;@severity=crit",
                "13: fs_error fs=xfs;device=loop0;kind=corruption;detail=Metadata corruption detected at "
                        + "__xfs_buf_ioend+0x185/0x590, xfs_inode block 0x80 xfs_inode_buf_verify"
                        + " | fs_error kind=corruption;@lines=9 | fs_error kind=io;detail=metadata I/O error in "
                        + "\"xfs_imap_to_bp+0x5c/0xe0\" at daddr 0x80 len 32 error 117",
                "14: fs_mount fs=xfs;device=loop0;@sequence=1015;@severity=notice"
                        + " | fs_error kind=corruption;@sequence=1016;@severity=alert | fs_error kind=io;@sequence=1027");
    }

    @Test
    void nicLink() {
        family("nic_link.log", 14,
                "1: nic_link driver=e1000e;device=eth1;state=down;@severity=warning | nic_link device=eth1;state=up;"
                        + "speed_mbps=1000;duplex=full;flow_control=Rx/Tx | nic_link device=eth0;state=up;"
                        + "flow_control=None",
                "2: nic_link driver=e1000;device=ens32;state=up;speed_mbps=1000;duplex=full"
                        + " | nic_link driver=ipv6;device=ens32;state=up;detail=link becomes ready",
                "3: nic_link driver=ixgbe;pci=0000:08:00.0;device=eth11;state=up;speed_mbps=10000;flow_control=RX"
                        + " | nic_link device=eth11;state=down",
                "4: nic_link driver=bonding;bond=bond0;device=enp1s0f0;state=down",
                "5: nic_link driver=ixgbe;pci=0000:04:00.1;device=ixgbe1;state=up;flow_control=RX/TX"
                        + " | nic_link state=down | nic_link state=up | nic_link state=down",
                "6: nic_link driver=mlx5_core;pci=cf63:00:02.0;device=enP53091s1np0;state=up | nic_link state=up",
                "7: nic_link driver=mlxsw_spectrum;pci=0000:01:00.0;device=swp1;state=up | nic_link device=swp2;state=up"
                        + " | nic_link device=swp1;state=down | nic_link device=swp2;state=down"
                        + " | bridge_port bridge=br1;device=swp2;port_state=blocking"
                        + " | nic_link driver=bridge;bridge=br1;device=swp2;state=down",
                "8: nic_link driver=mt7530;device=lan1;state=up;speed_mbps=1000;duplex=full;flow_control=off"
                        + " | nic_link driver=mt7530;device=lan1;state=down",
                "9: nic_link driver=r8125;device=eth0;state=up | nic_link driver=r8125;device=eth1;state=up",
                "10: nic_link driver=igc;pci=0000:05:00.0;device=eth5;state=down | nic_link driver=igc;device=eth5;"
                        + "state=up;speed_mbps=100;duplex=full;flow_control=RX",
                "11: nic_link driver=e1000e;pci=0000:00:1f.6;device=eth0;state=down | nic_link state=down"
                        + " | nic_link state=down",
                "12: nic_link driver=igb;pci=0000:07:00.0;device=eno2;state=up;speed_mbps=1000;flow_control=RX/TX",
                "13: bridge_port bridge=brc0;port=1;device=vc0;port_state=blocking"
                        + " | nic_link driver=bridge;device=vc0;state=down | nic_link device=vc0;state=up;port_state=forwarding"
                        + " | nic_link device=vc0;state=down | nic_link device=vc0;state=up | nic_link device=vc0;state=down",
                "14: nic_link driver=bridge;bridge=brc0;device=vc0;state=down;@sequence=893"
                        + " | nic_link device=vc0;state=up;@sequence=897 | nic_link state=down;@sequence=903");
    }

    @Test
    void conntrack() {
        family("conntrack.log", 4,
                "1: conntrack_full @severity=warning | conntrack_full | conntrack_full | conntrack_full",
                "2: conntrack_full | conntrack_full | conntrack_full | conntrack_full",
                "3: conntrack_full @message=nf_conntrack: nf_conntrack: table full, dropping packet",
                "4: conntrack_full");
    }

    @Test
    void synFlood() {
        family("syn_flood.log", 7,
                "1: syn_flood protocol=request_sock_TCP;port=5400;action=cookies",
                "2: syn_flood port=8080 | syn_flood port=25565 | syn_flood port=25565 | syn_flood port=25565",
                "3: syn_flood port=3459 | syn_flood port=3460",
                "4: syn_flood port=5000",
                "5: syn_flood port=5000",
                "6: syn_flood protocol=request_sock_TCP;address=10.99.0.1;port=8080;action=cookies",
                "7: syn_flood address=10.99.0.1;port=8080;@sequence=1030");
    }

    @Test
    void warning() {
        family("warning.log", 10,
                "1: warn cpu=6;pid=4072;file=include/drm/drm_crtc.h;line=1577;function=drm_helper_choose_encoder_dpms;"
                        + "module=drm_kms_helper",
                "2: warn cpu=0;pid=6;line=316;function=dev_watchdog;comm=ksoftirqd/0;tainted=false;"
                        + "message=NETDEV WATCHDOG: eth0 (ftgmac100): transmit queue 0 timed out",
                "3: warn cpu=2;pid=0;file=net/sched/sch_generic.c;line=320;function=dev_watchdog;"
                        + "message=NETDEV WATCHDOG: eth0 (mtk_soc_eth): transmit queue 0 timed out",
                "4: warn cpu=0;pid=0;file=net/sched/sch_generic.c;line=320;address=0x8038b2f0;comm=swapper/0",
                "5: warn cpu=1;pid=177;file=../drivers/gpu/drm/i915/intel_drv.h;line=1813;function=gen8_write32;"
                        + "message=RPM wakelock ref not held during HW access;comm=clr_power",
                "6: warn file=net/sched/sch_generic.c;line=442;function=dev_watchdog;comm=swapper",
                "7: warn cpu=1;pid=9436;file=mm/slab.h;line=473;function=kfree;"
                        + "message=virt_to_cache: Object is not a Slab page!;panic=true;panic_reason=panic_on_warn set ...",
                "8: warn cpu=1;pid=19;file=include/linux/seqlock.h;line=271;function=__seqprop_assert.constprop.0;"
                        + "comm=kworker/1:0;panic=true",
                "9: warn cpu=0;pid=0;function=htb_deactivate;module=sch_htb;taint=GO;taint_names=[O]=OOT_MODULE;"
                        + "comm=swapper/0;end_trace=0000000000000000",
                "10: tx_timeout driver=r8125;pci=0000:22:04.0;device=eth4;cpu=3;queue=0;timeout_ms=5010"
                        + " | tx_timeout device=eth1;cpu=0");
    }

    @Test
    void nullDerefOops() {
        family("null_deref_oops.log", 9,
                "1: oops fault=NULL pointer dereference;address=0;error_code=0010;oops_number=1;comm=syz-executor5;"
                        + "pid=7447;panic=true;end_trace=e4754c7187702be5;@severity=crit",
                "2: oops fault=NULL pointer dereference;address=0000000000000286;comm=kworker/u4:7;oops_flags=SMP KASAN",
                "3: oops address=00000000000008d0;oops_number=5;comm=Xorg;pid=3388;taint=GD;"
                        + "function=check_preempt_curr",
                "4: oops address=0000000000000008;access=supervisor write access in kernel mode;pf_error_code=0x0002;"
                        + "pf_reason=not-present page;error_code=0002;comm=CPU 7/KVM;pid=1065141;taint=PO;"
                        + "function=handle_removed_tdp_mmu_page;module=kvm",
                "5: oops address=0000000000000020;access=supervisor read access in kernel mode;comm=z_wr_iss;"
                        + "function=zap_leaf_lookup;module=zfs",
                "6: oops fault=NULL pointer dereference;address=00000000;error_code=80000207;"
                        + "oops_flags=PREEMPT SMP ARM;comm=syz-executor.1;pid=8604;tainted=false;panic=true",
                "7: oops address=00000000000002d0;comm=cat;pid=15623;taint=GFOE;oops_flags=PREEMPT SMP NOPTI",
                "8: oops error_code=0000000096000005;oops_number=2;comm=containerd-shim;pid=2266;taint=GD;"
                        + "taint_names=[D]=DIE;function=__arch_copy_to_user",
                "9: oops address=0000000000000008;comm=xskxceiver;pid=5117;cpu=2;taint=GBWO;"
                        + "taint_names=[B]=BAD_PAGE, [W]=WARN, [O]=OOT_MODULE;function=xdp_unreg_mem_model;"
                        + "end_trace=0000000000000000");
    }

    @Test
    void mce() {
        family("mce.log", 5,
                "1: mce logged=true;cpu=1;bank=11;status=8c00004f000800c2;address=ee30a0000;misc=900040004001e8c;"
                        + "socket=1;apic=20 | edac controller=MC1;count=1;error_type=CE;operation=memory scrubbing;"
                        + "label=CPU_SrcID#1_Ha#0_Chan#0_DIMM#0;channel=0;slot=0;page=0xee30a0;offset=0x0;syndrome=0x0",
                "2: log @message=mce: CPU supports 7 MCE banks | mce logged=true;cpu=0;bank=4;status=a600000000020408;"
                        + "address=fef4c9e0;socket=0;apic=0;microcode=28",
                "3: mce cpu=0;bank=5;address=849923380;misc=42525286 | edac controller=MC0;error_type=CE;"
                        + "operation=memory read;channel=2;page=0x849923;offset=0x380",
                "4: mce logged=true | mce logged=true | mce logged=true",
                "5: mce cpu=2;bank=6;status=cc59dec000041152;address=1422ff800;misc=13020004086;apic=1;microcode=d6"
                        + " | mce cpu=3;apic=3 | mce cpu=1;apic=2");
    }

    @Test
    void pidsForkRejected() {
        family("pids_fork_rejected.log", 6,
                "1: pids_fork_rejected cgroup=/system.slice/unifi.service;@cgroup=/system.slice/unifi.service",
                "2: pids_fork_rejected cgroup=/system.slice/icinga2.service | pids_fork_rejected | pids_fork_rejected",
                "3: pids_fork_rejected cgroup=/user.slice/user-1000.slice/session-1.scope",
                "4: pids_fork_rejected cgroup=/system.slice/nsncd.service",
                "5: pids_fork_rejected cgroup=/corpus_pids;@cgroup=/corpus_pids",
                "6: pids_fork_rejected cgroup=/corpus_pids;@sequence=891;@severity=warning");
    }

    @Test
    void nmiAcpiEdac() {
        family("nmi_acpi_edac.log", 11,
                "1: mce logged=true | edac controller=MC0;count=4;error_type=CE;label=CPU#0Channel#2_DIMM#0;channel=2;"
                        + "slot=0;grain=8 | edac count=2 | edac count=6",
                "2: edac kind=driver_loaded;driver=AMD64;version=v3.4.0",
                "3: acpi_error kind=bios_bug;path=\\_SB.PEP._STA.TPOS;status=AE_NOT_FOUND;acpica_version=20190703;"
                        + "acpica_module=psargs-330 | acpi_error kind=method_aborted;path=\\_SB.PEP._STA;"
                        + "status=AE_NOT_FOUND;acpica_module=psparse-529 | acpi_error | acpi_error",
                "4: acpi_error path=\\_SB.PCI0.LPCB.H_EC.CHRG.PPSS.FCHG;acpica_version=20200110"
                        + " | acpi_error kind=method_aborted;path=\\_SB.PCI0.LPCB.H_EC.CHRG.PPSS",
                "5: nmi_unknown reason=1c;cpu=9;@lines=3;@severity=crit | nmi_unknown reason=0c;cpu=9;@lines=3",
                "6: nmi_unknown reason=29;cpu=0;@lines=3",
                "7: nmi_unknown reason=2d;cpu=42;@lines=3",
                "8: acpi_error kind=bios_bug;path=\\_SB.PCI0;acpica_version=20230628;acpica_module=dswload2-162"
                        + " | acpi_error kind=error;status=AE_NOT_FOUND;detail=During name lookup/catalog"
                        + " | acpi_error path=\\_SB.PC00.DGPV | acpi_error kind=method_aborted;path=\\_SB.PC00.PEG0.PCRP._ON",
                "9: acpi_error path=\\_SB.PC00.LPCB.Q_EC._STA.ECON;acpica_version=20251212;acpica_module=psargs-332"
                        + " | acpi_error | acpi_error | acpi_error path=\\_SB.PC00.LPCB.Q_EC.ADP1._STA.ECON"
                        + " | acpi_error path=\\_SB.PC00.LPCB.Q_EC.LID0._STA.ECON",
                "10: log @message=ACPI: Early table checksum verification disabled"
                        + " | nmi_watchdog enabled=false;detail=Perf NMI watchdog permanently disabled"
                        + " | log @message=ACPI: Interpreter enabled",
                "11: nmi_watchdog enabled=false;@sequence=158 | log @message=ACPI: Interpreter enabled;@severity=info"
                        + " | log subsystem=acpi;device=+acpi:PNP0A08:00;@sequence=195"
                        + " | log subsystem=pci_bus;device=+pci_bus:0000:00;@sequence=199");
    }

    /** The informational types; a noise example may yield these but nothing that signals a problem. */
    private static final Set<String> INFORMATIONAL = Set.of("log", "fs_mount", "bridge_port", "nmi_watchdog");

    @Test
    void noise() {
        List<KmsgCorpus.Example> examples = KmsgCorpus.load("noise.log");
        assertThat(examples).hasSize(10);
        for (KmsgCorpus.Example e : examples) {
            for (Event ev : KmsgCorpus.classify(e)) {
                assertThat(ev.type()).as("%s: %s", e, ev.message()).isIn(INFORMATIONAL);
            }
        }
        family("noise.log", 10,
                "1: log @message=---[ end trace c3e8c1e4e3836987 ]--- | log @message=Bridge firewalling registered",
                "2: log @message=Booting Linux on physical CPU 0x0",
                "3: log @message=IPVS: ipvs loaded.",
                "4: -",
                "5: log @message=ata1: SATA link down (SStatus 0 SControl 300)",
                "6: log @message=AIF:UNPRIV TCP packet: IN=ppp0 OUT= MAC= SRC=198.51.100.23 DST=203.0.113.94 LEN=44 "
                        + "TOS=0x00 PREC=0x00 TTL=245 ID=16537 PROTO=TCP SPT=49012 DPT=25634 WINDOW=1024 RES=0x00 SYN URGP=0",
                "7: log @message=random: crng init done | fs_mount fs=ext4;device=vda;kind=mount",
                "8: log @message=random: crng init done;@severity=notice",
                "9: log @message=RDSEED32 is broken. Disabling the corresponding CPUID bit.;@severity=emerg",
                "10: log @message=RDSEED32 is broken. Disabling the corresponding CPUID bit.");
        // the raw record ending in \x0a: the escape is decoded
        assertThat(examples.get(7).records()).anySatisfy(r -> assertThat(r.message()).startsWith("Per memcg swappiness").contains("there\n"));
    }

    @Test
    void everyExampleOfATypedFamilyYieldsItsType() {
        Map<String, Set<String>> families = new LinkedHashMap<>();
        families.put("oom.log", Set.of("oom_kill"));
        families.put("hung_task.log", Set.of("hung_task"));
        families.put("soft_lockup.log", Set.of("soft_lockup"));
        families.put("hard_lockup.log", Set.of("hard_lockup"));
        families.put("rcu_stall.log", Set.of("rcu_stall"));
        families.put("segfault.log", Set.of("segfault"));
        families.put("general_protection.log", Set.of("general_protection"));
        families.put("trap_divide.log", Set.of("divide_error", "user_trap"));
        families.put("block_io.log", Set.of("block_io_error"));
        families.put("fs_error.log", Set.of("fs_error", "fs_mount"));
        families.put("nic_link.log", Set.of("nic_link"));
        families.put("conntrack.log", Set.of("conntrack_full"));
        families.put("syn_flood.log", Set.of("syn_flood"));
        families.put("warning.log", Set.of("warn", "tx_timeout"));
        families.put("null_deref_oops.log", Set.of("oops"));
        families.put("mce.log", Set.of("mce"));
        families.put("pids_fork_rejected.log", Set.of("pids_fork_rejected"));
        families.put("nmi_acpi_edac.log", Set.of("nmi_unknown", "nmi_watchdog", "edac", "acpi_error", "mce"));
        int total = 0;
        for (Map.Entry<String, Set<String>> f : families.entrySet()) {
            for (KmsgCorpus.Example e : KmsgCorpus.load(f.getKey())) {
                total++;
                assertThat(KmsgCorpus.classify(e)).as(e.toString()).extracting(Event::type)
                        .containsAnyElementsOf(f.getValue());
            }
        }
        assertThat(total + KmsgCorpus.load("noise.log").size()).isEqualTo(169);
    }

    // ------------------------------------------------------------------------------------------------ harness

    private static void family(String file, int count, String... rows) {
        List<KmsgCorpus.Example> examples = KmsgCorpus.load(file);
        assertThat(examples).as(file).hasSize(count);
        assertThat(rows).as("one row per example of " + file).hasSize(count);
        for (String row : rows) {
            int colon = row.indexOf(": ");
            int index = Integer.parseInt(row.substring(0, colon));
            KmsgCorpus.Example e = examples.get(index - 1);
            List<Event> events = KmsgCorpus.classify(e);
            String specs = row.substring(colon + 2);
            if (specs.equals("-")) {
                assertThat(events).as(e.toString()).isEmpty();
                continue;
            }
            boolean[] used = new boolean[events.size()];
            for (String spec : specs.split(" \\| ")) {
                used[match(e, events, spec.trim(), used)] = true;
            }
        }
    }

    /**
     * Finds the first event not matched yet that matches the spec; fails naming what was there. (A report's
     * event is handed out when the report ends, so one-line events printed in its middle come out before it.)
     */
    private static int match(KmsgCorpus.Example e, List<Event> events, String spec, boolean[] used) {
        int sp = spec.indexOf(' ');
        String type = sp < 0 ? spec : spec.substring(0, sp);
        Map<String, String> want = new LinkedHashMap<>();
        if (sp > 0) {
            for (String kv : spec.substring(sp + 1).split(";")) {
                int eq = kv.indexOf('=');
                want.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Event ev = events.get(i);
            if (used[i] || !ev.type().equals(type)) {
                continue;
            }
            seen.add(ev.attributes() + " " + ev.key().labels());
            boolean ok = true;
            for (Map.Entry<String, String> w : want.entrySet()) {
                if (!w.getValue().equals(value(ev, w.getKey()))) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                assertThat(ev.source()).isEqualTo("kmsg");
                assertThat(ev.host()).isEqualTo("test-host");
                return i;
            }
        }
        throw new AssertionError(e + ": no further " + type + " event with " + want + "; candidates: " + seen);
    }

    private static String value(Event ev, String key) {
        return switch (key) {
            case "@severity" -> ev.severity().label();
            case "@sequence" -> Long.toString(ev.sequence());
            case "@cgroup" -> ev.key().cgroup();
            case "@message" -> ev.message();
            case "@lines" -> Long.toString(ev.message().lines().count());
            default -> ev.attribute(key);
        };
    }

    @Test
    void severityNamesAreSyslogLevels() {
        assertThat(Severity.fromLevel(3).label()).isEqualTo("err");
    }
}
