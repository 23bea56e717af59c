/* The stage-1 (EL1&0) translation tables of the hardware path, kept by the host in guest
 * memory: the window identity-mapped page by page with the permissions of the runtime's VMA
 * list, plus the stub's own mappings.  4 KiB granule, 39-bit VA, levels 1-3.  Every edit asks
 * the stub for a TLB flush on the next return to EL0 (KVM_CMD_TLBI); only permissions ever
 * change on a live entry (VA == IPA), so no break-before-make is needed. */
#include <errno.h>
#include <sys/mman.h>

#include "kvm_priv.h"

/* Descriptor bits (Arm ARM D8.3, VMSAv8-64 stage 1). */
#define PTE_BLOCK 0x1ull
#define PTE_TABLE 0x3ull /* also a level-3 page */
#define PTE_ATTR(i) ((uint64_t)(i) << 2) /* MAIR_EL1 index: 0 normal WB, 1 device */
#define PTE_AP_EL0 (1ull << 6)           /* EL0 may access */
#define PTE_AP_RO (1ull << 7)            /* read-only at every EL */
#define PTE_SH_INNER (3ull << 8)
#define PTE_AF (1ull << 10)
#define PTE_PXN (1ull << 53)
#define PTE_UXN (1ull << 54)
#define PTE_ADDR_MASK 0x0000fffffffff000ull

/* A zeroed table page from the pool; its IPA, or 0 when the pool is spent. */
static uint64_t table_alloc(struct kvm_hw *hw)
{
    if (hw->pool_next + 4096 > hw->rt_size)
        return 0;
    uint64_t ipa = hw->rt_ipa + hw->pool_next;
    hw->pool_next += 4096;
    memset(kvm_rt_ptr(hw, ipa), 0, 4096);
    return ipa;
}

/* The next-level table an entry points to, made if alloc; NULL if absent. */
static uint64_t *next_table(struct kvm_hw *hw, uint64_t *entry, bool alloc)
{
    uint64_t d = le64toh(*entry);
    if ((d & 3) == PTE_TABLE)
        return kvm_rt_ptr(hw, d & PTE_ADDR_MASK);
    if (!alloc)
        return NULL;
    uint64_t ipa = table_alloc(hw);
    if (!ipa)
        return NULL;
    *entry = htole64(ipa | PTE_TABLE);
    return kvm_rt_ptr(hw, ipa);
}

/* A level-3 entry for a user page: always EL0-accessible and never EL1-executable.  Arm64 has
 * no write-only or execute-only-without-read page here: like the other engines (runtime/mem.c),
 * write implies read and execute implies read. */
static uint64_t user_pte(uint64_t va, int prot)
{
    if (!(prot & (PROT_READ | PROT_WRITE | PROT_EXEC)))
        return 0;
    uint64_t d = va | PTE_TABLE | PTE_ATTR(0) | PTE_SH_INNER | PTE_AF | PTE_PXN | PTE_AP_EL0;
    if (!(prot & PROT_WRITE))
        d |= PTE_AP_RO;
    if (!(prot & PROT_EXEC))
        d |= PTE_UXN;
    return d;
}

int kvm_hw_map(struct kvm_hw *vcpu, uint64_t start, uint64_t end, int prot)
{
    /* The tables and their page pool are the VM's; the flush is the calling vCPU's. */
    struct kvm_hw *hw = vcpu->vm;
    vcpu->cmd |= KVM_CMD_TLBI;
    if (end > hw->cfg.mem_size)
        end = hw->cfg.mem_size;
    bool alloc = prot & (PROT_READ | PROT_WRITE | PROT_EXEC);
    uint64_t *l1 = kvm_rt_ptr(hw, hw->rt_ipa + KVM_RT_L1);
    uint64_t va = start & ~0xfffull;
    while (va < end) {
        uint64_t *l2 = next_table(hw, &l1[(va >> 30) & 511], alloc);
        if (!l2) {
            if (alloc)
                return -ENOMEM;
            va = (va | (KVM_GIB - 1)) + 1; /* nothing mapped in this 1 GiB */
            continue;
        }
        uint64_t *l3 = next_table(hw, &l2[(va >> 21) & 511], alloc);
        if (!l3) {
            if (alloc)
                return -ENOMEM;
            va = (va | ((1ull << 21) - 1)) + 1;
            continue;
        }
        uint64_t stop = (va | ((1ull << 21) - 1)) + 1;
        if (stop > end)
            stop = end;
        for (; va < stop; va += 4096) {
            l3[(va >> 12) & 511] = htole64(user_pte(va, prot));
            hw->st.ptes++;
        }
    }
    return 0;
}

int kvm_stage1_init(struct kvm_hw *hw)
{
    uint64_t *l1 = kvm_rt_ptr(hw, hw->rt_ipa + KVM_RT_L1);
    memset(l1, 0, 4096);
    hw->pool_next = KVM_RT_POOL;
    /* The stub's code and frame: one 2 MiB block, EL1 read/write/execute, no EL0 access. */
    uint64_t *l2 = next_table(hw, &l1[(hw->rt_ipa >> 30) & 511], true);
    if (!l2)
        return -ENOMEM;
    l2[(hw->rt_ipa >> 21) & 511] =
        htole64(hw->rt_ipa | PTE_BLOCK | PTE_ATTR(0) | PTE_SH_INNER | PTE_AF | PTE_UXN);
    /* The doorbell: 1 GiB of device memory outside every memory slot, EL1 only. */
    l1[(hw->doorbell_ipa >> 30) & 511] =
        htole64(hw->doorbell_ipa | PTE_BLOCK | PTE_ATTR(1) | PTE_AF | PTE_PXN | PTE_UXN);
    return 0;
}
